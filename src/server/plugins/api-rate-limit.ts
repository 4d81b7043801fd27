import { prepared } from "@server/db/prepared";
import { apiRateWindows } from "@server/db/schema";
import { rateLimited } from "@server/errors";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";

/** The window API-token requests are counted in. */
const WINDOW_SECONDS = 60;
const DEFAULT_PER_MINUTE = 600;
const WINDOW_START = sql`date_bin(make_interval(secs => ${sql.raw(String(WINDOW_SECONDS))}), now(), timestamptz '2000-01-01')`;

/**
 * Fair use of API tokens (issue #22): every request with a token counts in its minute, in the database
 * so all app processes share one count, and answers `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds; draft-ietf-httpapi-ratelimit-headers); past the limit 429 with
 * Retry-After. A fixed window with one upsert per request rather than the row per attempt of the login
 * and form limits (auth/login-attempts.repository.ts): scripts send far more requests than people log
 * in, and one counter row per token and minute keeps that a single cheap statement.
 * Sessions (people in the browser) are not counted here.
 */
export function registerApiRateLimit(app: FastifyInstance): void {
  const { db } = app.database;
  const limit = app.config.apiRatePerMinute ?? DEFAULT_PER_MINUTE;
  app.addHook("onRequest", async (request, reply) => {
    const tokenId = request.actor?.tokenId;
    if (!tokenId) return;
    // Built once (db/prepared.ts): drizzle would build this upsert's text anew for every request.
    const [row] = await prepared(db, "api_rate_count", (d, name) =>
      d
        .insert(apiRateWindows)
        .values({ tokenId: sql.placeholder("tokenId"), windowStart: WINDOW_START, count: 1 })
        .onConflictDoUpdate({
          target: [apiRateWindows.tokenId, apiRateWindows.windowStart],
          set: { count: sql`${apiRateWindows.count} + 1` },
        })
        .returning({
          count: apiRateWindows.count,
          resetIn: sql<number>`extract(epoch from ${apiRateWindows.windowStart} + make_interval(secs => ${sql.raw(String(WINDOW_SECONDS))}) - now())::float8`,
        })
        .prepare(name),
    ).execute({ tokenId });
    const count = row?.count ?? 1;
    const reset = Math.max(1, Math.ceil(row?.resetIn ?? WINDOW_SECONDS));
    // The first request of a token's new window clears the windows that have passed.
    if (count === 1)
      await db
        .delete(apiRateWindows)
        .where(sql`${apiRateWindows.windowStart} < now() - make_interval(secs => ${2 * WINDOW_SECONDS})`);
    reply.header("ratelimit-limit", String(limit));
    reply.header("ratelimit-remaining", String(Math.max(0, limit - count)));
    reply.header("ratelimit-reset", String(reset));
    if (count > limit) {
      reply.header("retry-after", String(reset));
      throw rateLimited("api_rate_limited", { seconds: reset });
    }
  });
}
