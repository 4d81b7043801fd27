import { deals } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildActivity, buildDeal, buildLead, buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;

async function setup() {
  const seller = await teamWithSales(t);
  const { pipeline, stages } = await buildPipeline(t.database.db, {
    stages: [
      { name: "Eins", probability: 10, rottingDays: 5 },
      { name: "Zwei", probability: 50, rottingDays: null },
    ],
  });
  const at = (i: number): StageRow => {
    const s = stages[i];
    if (!s) throw new Error("no stage");
    return s;
  };
  return { ...seller, pipeline, at };
}

type Column = {
  stage: { id: string };
  deals: { id: string; title: string }[];
  count: number;
  sum: unknown;
  weightedSum: unknown;
  nextCursor: string | null;
};

describe("GET /api/v1/pipelines/{id}/board", () => {
  it("has one column per stage with count, sum and weighted sum per currency over all matching open deals", async () => {
    const { team, user, client, pipeline, at } = await setup();
    const own = { team, owner: user };
    await buildDeal(t.database.db, { ...own, stage: at(0), amount: "1000.10", currency: "EUR" });
    await buildDeal(t.database.db, {
      ...own,
      stage: at(0),
      amount: "0.05",
      currency: "EUR",
      probability: 50,
    });
    await buildDeal(t.database.db, { ...own, stage: at(0), amount: "200.00", currency: "CHF" });
    await buildDeal(t.database.db, { ...own, stage: at(0), amount: null });
    await buildDeal(t.database.db, { ...own, stage: at(0), amount: "999.00", status: "won" });
    await buildDeal(t.database.db, { ...own, stage: at(1), amount: "10.00" });
    const res = await client.get(`/api/v1/pipelines/${pipeline.id}/board`);
    expect(res.statusCode).toBe(200);
    const board = res.json();
    expect(board.pipeline.id).toBe(pipeline.id);
    const [first, second] = board.columns as Column[];
    expect(first?.stage.id).toBe(at(0).id);
    expect(first?.count).toBe(4);
    expect(first?.deals).toHaveLength(4);
    expect(first?.sum).toEqual([
      { amount: "200.00", currency: "CHF" },
      { amount: "1000.15", currency: "EUR" },
    ]);
    // 1000.10 × 10 % = 100.01, 0.05 × 50 % = 0.025 → 100.035 → 100.04 (rounded once, per total).
    expect(first?.weightedSum).toEqual([
      { amount: "20.00", currency: "CHF" },
      { amount: "100.04", currency: "EUR" },
    ]);
    expect(second).toMatchObject({ count: 1, sum: [{ amount: "10.00", currency: "EUR" }], nextCursor: null });
  });

  it("pages a column: the first perColumn cards, then the rest through GET /deals with the cursor", async () => {
    const { team, user, client, pipeline, at } = await setup();
    const titles = ["K1", "K2", "K3", "K4", "K5"];
    for (const title of titles) await buildDeal(t.database.db, { team, owner: user, stage: at(0), title });
    const board = (await client.get(`/api/v1/pipelines/${pipeline.id}/board?perColumn=2`)).json();
    const column = board.columns[0] as Column;
    expect(column.count).toBe(5);
    const seen = column.deals.map((d) => d.title);
    let cursor = column.nextCursor;
    while (cursor) {
      const page = (
        await client.get(`/api/v1/deals?stageId=${at(0).id}&status=open&limit=2&cursor=${cursor}`)
      ).json();
      seen.push(...page.data.map((d: { title: string }) => d.title));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(titles);
  });

  it("filters by owner, mine, team, expected close range and search, in the cards and in the totals", async () => {
    const { team, user, client, pipeline, at } = await setup();
    const mate = await signedIn(t, "sales", team);
    await buildDeal(t.database.db, {
      team,
      owner: user,
      stage: at(0),
      title: "Müllerei",
      expectedCloseDate: "2027-05-01",
      amount: "10.00",
    });
    await buildDeal(t.database.db, {
      team,
      owner: mate.user,
      stage: at(0),
      title: "Bäckerei",
      expectedCloseDate: "2027-08-01",
      amount: "20.00",
    });
    const titles = async (query: string) =>
      (
        (await client.get(`/api/v1/pipelines/${pipeline.id}/board?${query}`)).json().columns[0] as Column
      ).deals.map((d) => d.title);
    expect(await titles("mine=true")).toEqual(["Müllerei"]);
    expect(await titles(`ownerId=${mate.user.id}`)).toEqual(["Bäckerei"]);
    expect(await titles(`teamId=${team.id}`)).toEqual(["Müllerei", "Bäckerei"]);
    expect(await titles("closeFrom=2027-06-01&closeTo=2027-12-31")).toEqual(["Bäckerei"]);
    expect(await titles("q=mullerei")).toEqual(["Müllerei"]);
    const filtered = (await client.get(`/api/v1/pipelines/${pipeline.id}/board?mine=true`)).json().columns[0];
    expect(filtered).toMatchObject({ count: 1, sum: [{ amount: "10.00", currency: "EUR" }] });
  });

  it("shows only deals the caller may see, in cards and totals", async () => {
    const { team, user, pipeline, at } = await setup();
    const stranger = await signedIn(t, "sales");
    await buildDeal(t.database.db, { team, owner: user, stage: at(0), amount: "5.00" });
    const column = (await stranger.client.get(`/api/v1/pipelines/${pipeline.id}/board`)).json().columns[0];
    expect(column).toMatchObject({ count: 0, deals: [], sum: [], weightedSum: [] });
    expect(
      (await stranger.client.get("/api/v1/pipelines/00000000-0000-4000-8000-000000000000/board")).statusCode,
    ).toBe(404);
  });

  it("gives each card days in stage, rotting flag, next and last activity and the source lead's BANT", async () => {
    const { team, user, client, pipeline, at } = await setup();
    const lead = await buildLead(t.database.db, { team, owner: user });
    const old = new Date(Date.now() - 8 * DAY);
    const stale = await buildDeal(t.database.db, {
      team,
      owner: user,
      stage: at(0),
      title: "Stale",
      stageEnteredAt: old,
      sourceLeadId: lead.id,
    });
    const fresh = await buildDeal(t.database.db, {
      team,
      owner: user,
      stage: at(0),
      title: "Fresh",
      stageEnteredAt: old,
    });
    const calm = await buildDeal(t.database.db, {
      team,
      owner: user,
      stage: at(1),
      title: "Calm",
      stageEnteredAt: old,
    });
    await buildActivity(t.database.db, {
      team,
      owner: user,
      deal: fresh,
      type: "note",
      done: true,
      doneAt: new Date(),
    });
    const later = new Date(Date.now() + 3 * DAY);
    const sooner = new Date(Date.now() + DAY);
    await buildActivity(t.database.db, {
      team,
      owner: user,
      deal: stale,
      type: "call",
      subject: "Später",
      dueAt: later,
      createdAt: old,
    });
    await buildActivity(t.database.db, {
      team,
      owner: user,
      deal: stale,
      type: "meeting",
      subject: "Bald",
      startsAt: sooner,
      createdAt: old,
    });
    const board = (await client.get(`/api/v1/pipelines/${pipeline.id}/board`)).json();
    const cards = new Map<string, Record<string, unknown>>(
      (board.columns as Column[])
        .flatMap((c) => c.deals)
        .map((d) => [d.id, d as unknown as Record<string, unknown>]),
    );
    expect(cards.get(stale.id)).toMatchObject({
      daysInStage: 8,
      rotting: true,
      nextActivity: { type: "meeting", subject: "Bald", at: sooner.toISOString() },
      sourceLeadBant: {
        budget: expect.any(String),
        authority: expect.any(String),
        need: expect.any(String),
        timeline: expect.any(String),
      },
    });
    expect(cards.get(fresh.id)).toMatchObject({
      rotting: false,
      lastActivityAt: expect.any(String),
      sourceLeadBant: null,
    });
    expect(cards.get(calm.id)).toMatchObject({ rotting: false, daysInStage: 8 });
    const [row] = await t.database.db.select().from(deals).where(eq(deals.id, stale.id));
    expect(row?.status).toBe("open");
  });
});
