import { quotes } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

const running = (number: string) => Number(number.slice(number.lastIndexOf("-") + 1));

describe("POST /api/v1/quotes/{id}/send numbering", () => {
  it("gives 20 parallel sends 20 distinct numbers without a gap", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const drafts: string[] = [];
    for (let i = 0; i < 20; i += 1)
      drafts.push((await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json().id);
    const before = await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] });
    const first = (await client.post(`/api/v1/quotes/${before.json().id}/send`, {})).json().number as string;

    const responses = await Promise.all(drafts.map((id) => client.post(`/api/v1/quotes/${id}/send`, {})));
    expect(responses.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const numbers = responses.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(20);
    const sorted = numbers.map(running).sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 20 }, (_, i) => running(first) + 1 + i));
    const stored = await t.database.db
      .select({ number: quotes.number })
      .from(quotes)
      .where(inArray(quotes.id, drafts));
    expect(stored.map((s) => s.number).sort()).toEqual([...numbers].sort());
  });

  it("takes no number for a refused send: the next one follows without a gap", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const a = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    const empty = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [] })).json();
    const b = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    const first = (await client.post(`/api/v1/quotes/${a.id}/send`, {})).json().number as string;
    const refused = await client.post(`/api/v1/quotes/${empty.id}/send`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "quote_needs_lines" });
    const [still] = await t.database.db.select().from(quotes).where(eq(quotes.id, empty.id));
    expect(still?.number).toBeNull();
    const next = (await client.post(`/api/v1/quotes/${b.id}/send`, {})).json().number as string;
    expect(running(next)).toBe(running(first) + 1);
  });
});
