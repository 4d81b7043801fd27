import { deals } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let stages: StageRow[];
let foreignStage: StageRow;
beforeAll(async () => {
  t = await buildTestApp();
  stages = (await buildPipeline(t.database.db, { isDefault: true })).stages;
  foreignStage = (await buildPipeline(t.database.db, { name: "Partner", position: 1 })).stages[0] as StageRow;
});
afterAll(() => t.close());

const first = () => stages[0] as StageRow;

describe("POST /api/v1/deals/batch", () => {
  it("creates and changes deals in one request, reporting a refused record without losing the others", async () => {
    const { client } = await signedIn(t, "sales");
    const existing = (
      await client.post("/api/v1/deals", {
        title: "Wartung 2027",
        amount: { amount: "900", currency: "EUR" },
      })
    ).json();
    const res = await client.post("/api/v1/deals/batch", {
      records: [
        { title: "Lizenz A", amount: { amount: "1200.50", currency: "EUR" } },
        { title: "Falsche Stufe", pipelineId: first().pipelineId, stageId: foreignStage.id },
        { id: existing.id, title: "Wartung 2027 (erweitert)", version: existing.version },
        { id: existing.id, title: "Veraltet", version: existing.version },
        { title: "Lizenz B", stageId: first().id },
      ],
    });
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      "created",
      "error",
      "updated",
      "error",
      "created",
    ]);
    expect(results[1].errors).toEqual([expect.objectContaining({ path: "stageId" })]);
    expect(results[3]).toMatchObject({
      id: existing.id,
      errors: [expect.objectContaining({ code: "record_changed" })],
    });

    const created = await client.get(`/api/v1/deals/${results[0].id}`);
    expect(created.json()).toMatchObject({
      title: "Lizenz A",
      amount: { amount: "1200.50", currency: "EUR" },
    });
    expect((await client.get(`/api/v1/deals/${existing.id}`)).json()).toMatchObject({
      title: "Wartung 2027 (erweitert)",
      version: existing.version + 1,
    });
    // Nothing of the refused records was written.
    const titles = await t.database.db.select({ title: deals.title }).from(deals);
    expect(titles.map((d) => d.title)).not.toContain("Falsche Stufe");
    expect(titles.map((d) => d.title)).not.toContain("Veraltet");
  });

  it("all or nothing when atomic: one refused record refuses the request and writes nothing", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/deals/batch", {
      atomic: true,
      records: [
        { title: "Atom 1" },
        { title: "Atom 2", stageId: foreignStage.id, pipelineId: first().pipelineId },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "records.1.stageId" })]);
    const rows = await t.database.db
      .select({ id: deals.id })
      .from(deals)
      .where(inArray(deals.title, ["Atom 1", "Atom 2"]));
    expect(rows).toEqual([]);
  });

  it("does not change a deal the caller cannot see, and refuses malformed or oversized batches with 400", async () => {
    const owner = await signedIn(t, "sales");
    const stranger = await signedIn(t, "sales");
    const theirs = (await owner.client.post("/api/v1/deals", { title: "Geheim" })).json();
    const res = await stranger.client.post("/api/v1/deals/batch", {
      records: [{ id: theirs.id, title: "Übernommen" }],
    });
    expect(res.json().results).toEqual([
      expect.objectContaining({
        status: "error",
        errors: [expect.objectContaining({ code: "deal_not_found" })],
      }),
    ]);
    expect((await owner.client.get(`/api/v1/deals/${theirs.id}`)).json().title).toBe("Geheim");

    const tooMany = await owner.client.post("/api/v1/deals/batch", {
      records: Array.from({ length: 1001 }, (_, i) => ({ title: `D${i}` })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe("records");
    const empty = await owner.client.post("/api/v1/deals/batch", { records: [] });
    expect(empty.statusCode).toBe(400);
    const nul = await owner.client.post("/api/v1/deals/batch", { records: [{ title: "A\u0000B" }] });
    expect(nul.statusCode).toBe(400);
  });
});
