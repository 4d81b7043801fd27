/**
 * The e2e server's entry (scripts/e2e-server.mjs runs it instead of src/server/main.ts): the app
 * exactly as main.ts starts it, plus a fixtures port on loopback for test data that no API writes
 * fast enough on a shared machine, such as the 10,000 open deals of the board test (#21 point 3),
 * written by one INSERT … SELECT from generate_series. Only the e2e server loads this file; the
 * product has no such route.
 */
import { createServer } from "node:http";
import { POSITION_STEP } from "@domain/deals/position";
import { customFieldDefinitions } from "@server/db/schema";
import { sql } from "drizzle-orm";
import { z } from "zod";

const { app } = await import("@server/main");

const seedDeals = z.object({
  pipelineId: z.uuid(),
  ownerId: z.uuid(),
  titlePrefix: z.string().min(1).max(80),
  /** How many open deals each stage gets, in order; titles are "<prefix> <stage no.>-<no.>". */
  stages: z.array(z.object({ stageId: z.uuid(), count: z.number().int().min(1).max(100_000) })).min(1),
});

const label = z.object({ de: z.string().min(1), en: z.string().min(1) });
/**
 * A custom field as it may exist from before its label was refused (a company's own "Branche",
 * labelled like the built-in industry; issue #20): the API no longer writes one.
 */
const fieldFromBefore = z.object({
  entity: z.enum(["lead", "contact", "company", "deal"]),
  key: z.string().min(1).max(40),
  type: z.enum(["text", "number", "choice"]),
  label,
  options: z.array(z.object({ value: z.string(), label })).default([]),
});

async function readJson(request: import("node:http").IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** E2E_PORT + 10,000: the specs compute the same (`seedDeals` in e2e/deal-board.spec.ts). */
export const fixturesPort = Number(process.env.PORT ?? "3210") + 10_000;

const fixtures = createServer((request, response) => {
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (request.method === "POST" && request.url === "/custom-fields") {
    readJson(request)
      .then(async (body) => {
        const [row] = await app.database.db
          .insert(customFieldDefinitions)
          .values(fieldFromBefore.parse(body))
          .returning({ id: customFieldDefinitions.id });
        await app.customFields.reload();
        answer(201, row);
      })
      .catch((error: unknown) =>
        answer(400, { error: error instanceof Error ? error.message : String(error) }),
      );
    return;
  }
  if (request.method !== "POST" || request.url !== "/deals") return answer(404, { error: "unknown fixture" });
  readJson(request)
    .then(async (body) => {
      const input = seedDeals.parse(body);
      const stageIds = input.stages.map((s) => s.stageId);
      const counts = input.stages.map((s) => s.count);
      // One statement: each stage's deals from generate_series, positions in steps as the app spaces them.
      await app.database.db.execute(sql`
        insert into deals (title, pipeline_id, stage_id, position, amount, currency, owner_id, created_by)
        select ${input.titlePrefix} || ' ' || s.ord || '-' || lpad(g.i::text, 5, '0'),
               ${input.pipelineId}::uuid, s.stage_id, g.i * ${POSITION_STEP}::float8,
               1000 + (g.i % 97) * 10, 'EUR', ${input.ownerId}::uuid, ${input.ownerId}::uuid
          from unnest(${`{${stageIds.join(",")}}`}::uuid[], ${`{${counts.join(",")}}`}::int[])
               with ordinality as s(stage_id, count, ord)
         cross join lateral generate_series(1, s.count) as g(i)`);
      answer(201, { created: counts.reduce((a, b) => a + b, 0) });
    })
    .catch((error: unknown) =>
      answer(400, { error: error instanceof Error ? error.message : String(error) }),
    );
});
// Unreferenced: the app's own graceful shutdown decides when the process ends.
fixtures.listen(fixturesPort, "127.0.0.1").unref();
