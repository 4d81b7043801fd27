import { createHash } from "node:crypto";
import type { Db } from "@server/db/client";
import { idempotencyKeys } from "@server/db/schema";
import { conflict, field, invalidInput, ruleViolation } from "@server/errors";
import { message } from "@shared/message-codes";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { stringify } from "safe-stable-stringify";

/** How long a key answers repeats (issue #22: 24 hours). */
export const IDEMPOTENCY_HOURS = 24;
/**
 * A reservation whose request never finished (its process died between the create and storing the
 * answer) blocks the key this long, then the key is free again.
 */
const ABANDONED_MINUTES = 5;
const KEY = /^[\x21-\x7e]{1,255}$/;

declare module "fastify" {
  interface FastifyRequest {
    /** The reservation this request holds for its Idempotency-Key, until its answer is stored. */
    idempotency: { actorId: string; route: string; keyHash: string; stored: boolean } | null;
  }
  interface FastifyContextConfig {
    /** false: the route ignores Idempotency-Key (it streams its body, so the body cannot be compared). */
    idempotency?: boolean;
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

const whereKey = (r: { actorId: string; route: string; keyHash: string }) =>
  and(
    eq(idempotencyKeys.actorId, r.actorId),
    eq(idempotencyKeys.route, r.route),
    eq(idempotencyKeys.keyHash, r.keyHash),
  );

/**
 * `Idempotency-Key` on every POST of a logged-in caller (the creates, conversions, moves…), one
 * implementation for all routes (the public forms keep their own, which also dedupes by content):
 * the key is reserved in the database before the handler runs (a reserved-row protocol, so any app
 * process sees it), the 2xx answer is stored with it, and a retry by the same actor on the same path
 * with the same body (canonical JSON) gets that answer again, with `Idempotent-Replayed: true`,
 * without running the handler. Another body → 422; a retry while the first still runs → 409; a failed
 * first request frees the key (nothing was created: its transaction rolled back).
 *
 * Registered before compression, so onSend sees the serialized JSON the client got.
 */
export function registerIdempotency(app: FastifyInstance): void {
  const { db } = app.database;
  app.decorateRequest("idempotency", null);

  app.addHook("preHandler", async (request, reply) => {
    if (request.method !== "POST" || !request.actor) return;
    const header = request.headers["idempotency-key"];
    // A multipart upload is read by its handler, after this hook: its body cannot be compared.
    if (header === undefined || request.routeOptions.config.idempotency === false || request.isMultipart?.())
      return;
    if (typeof header !== "string" || !KEY.test(header))
      throw invalidInput(message("idempotency_key_invalid"), [
        field("Idempotency-Key", "idempotency_key_invalid"),
      ]);
    const reservation = {
      actorId: request.actor.id,
      route: `POST ${pathOf(request)}`,
      keyHash: sha256(header),
    };
    const requestHash = sha256(stringify({ query: request.query ?? null, body: request.body ?? null }) ?? "");
    const expired = sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
    const abandoned = sql`${idempotencyKeys.state} = 'pending' and ${idempotencyKeys.createdAt} < now() - make_interval(mins => ${ABANDONED_MINUTES})`;
    await db.delete(idempotencyKeys).where(and(whereKey(reservation), sql`(${expired} or ${abandoned})`));
    const [mine] = await db
      .insert(idempotencyKeys)
      .values({ ...reservation, requestHash })
      .onConflictDoNothing()
      .returning({ keyHash: idempotencyKeys.keyHash });
    if (mine) {
      request.idempotency = { ...reservation, stored: false };
      return;
    }
    const [first] = await db.select().from(idempotencyKeys).where(whereKey(reservation));
    if (first && first.requestHash !== requestHash) throw ruleViolation("idempotency_key_reused");
    if (first?.state !== "done" || first.statusCode === null || first.responseBody === null)
      throw conflict("idempotency_key_in_flight");
    reply.header("idempotent-replayed", "true");
    return reply.code(first.statusCode).type("application/json; charset=utf-8").send(first.responseBody);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held || held.stored || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const text =
      typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : null;
    if (text === null) return payload;
    await db
      .update(idempotencyKeys)
      .set({ state: "done", statusCode: reply.statusCode, responseBody: text })
      .where(whereKey(held));
    held.stored = true;
    return payload;
  });

  // Refused or failed: the create rolled back, so the key is free for a corrected retry.
  app.addHook("onResponse", async (request) => {
    const held = request.idempotency;
    if (!held || held.stored) return;
    await db
      .delete(idempotencyKeys)
      .where(and(whereKey(held), eq(idempotencyKeys.state, "pending")))
      .catch((error: unknown) => request.log.warn({ err: error }, "idempotency reservation not released"));
  });
}

/** Forgets keys older than their 24 hours (the prune job; each request also drops its own expired key). */
export async function pruneIdempotencyKeys(db: Db): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)
    .returning({ keyHash: idempotencyKeys.keyHash });
  return gone.length;
}

const pathOf = (request: FastifyRequest) => request.url.split("?", 1)[0] ?? request.url;
