import { auditLog, deals } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildDeal, buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function board() {
  const { team, user, client } = await teamWithSales(t);
  const { stages } = await buildPipeline(t.database.db);
  const stageAt = (i: number): StageRow => {
    const s = stages[i];
    if (!s) throw new Error("no stage");
    return s;
  };
  const dealIn = (i: number, title: string) =>
    buildDeal(t.database.db, { stage: stageAt(i), team, owner: user, title });
  /** Titles of the open cards of a column, in board order. */
  const column = async (i: number) =>
    (
      await t.database.db
        .select({ title: deals.title, position: deals.position })
        .from(deals)
        .where(and(eq(deals.stageId, stageAt(i).id), eq(deals.status, "open")))
        .orderBy(asc(deals.position), asc(deals.id))
    ).map((d) => d.title);
  return { client, user, stageAt, dealIn, column };
}

describe("POST /api/v1/deals/{id}/move", () => {
  it("reorders within a column and moves to an index of another column", async () => {
    const { client, stageAt, dealIn, column } = await board();
    const a = await dealIn(0, "A");
    await dealIn(0, "B");
    const c = await dealIn(0, "C");
    await dealIn(1, "X");
    await dealIn(1, "Y");
    const top = await client.post(`/api/v1/deals/${c.id}/move`, { stageId: stageAt(0).id, position: 0 });
    expect(top.statusCode).toBe(200);
    expect(await column(0)).toEqual(["C", "A", "B"]);
    const moved = await client.post(`/api/v1/deals/${a.id}/move`, { stageId: stageAt(1).id, position: 1 });
    expect(moved.json()).toMatchObject({ stageId: stageAt(1).id, probability: 25, daysInStage: 0 });
    expect(await column(0)).toEqual(["C", "B"]);
    expect(await column(1)).toEqual(["X", "A", "Y"]);
    const end = await client.post(`/api/v1/deals/${c.id}/move`, { stageId: stageAt(1).id });
    expect(end.statusCode).toBe(200);
    expect(await column(1)).toEqual(["X", "A", "Y", "C"]);
  });

  it("closes the stage stay it leaves and opens a new one; a reorder keeps the history", async () => {
    const { client, user, stageAt, dealIn } = await board();
    const deal = await dealIn(0, "History");
    await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stageAt(0).id, position: 0 });
    await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stageAt(2).id });
    const history = (await client.get(`/api/v1/deals/${deal.id}/stage-history`)).json().data;
    expect(history).toEqual([
      expect.objectContaining({
        stageId: stageAt(0).id,
        stageName: stageAt(0).name,
        leftAt: expect.any(String),
      }),
      expect.objectContaining({ stageId: stageAt(2).id, leftAt: null, movedBy: user.id }),
    ]);
    expect(history[1].enteredAt).toBe(history[0].leftAt);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, deal.id), eq(auditLog.action, "deal.stage_changed")));
    expect(audit?.changes).toMatchObject({ stageName: { from: stageAt(0).name, to: stageAt(2).name } });
  });

  /** Cards A and B of the first column one billionth apart, too close to split, and M in the second. */
  async function tightColumn() {
    const setup = await board();
    const a = await setup.dealIn(0, "A");
    const b = await setup.dealIn(0, "B");
    const mover = await setup.dealIn(1, "M");
    await t.database.db.update(deals).set({ position: 1 }).where(eq(deals.id, a.id));
    await t.database.db
      .update(deals)
      .set({ position: 1 + 1e-9 })
      .where(eq(deals.id, b.id));
    return { ...setup, a, b, mover };
  }

  it("renumbers a column when neighbours are too close to split, keeping the order", async () => {
    const { client, stageAt, column, a, b, mover } = await tightColumn();
    const res = await client.post(`/api/v1/deals/${mover.id}/move`, { stageId: stageAt(0).id, position: 1 });
    expect(res.statusCode).toBe(200);
    expect(await column(0)).toEqual(["A", "M", "B"]);
    const positions = await t.database.db
      .select({ position: deals.position })
      .from(deals)
      .where(inArray(deals.id, [a.id, b.id, mover.id]));
    expect(new Set(positions.map((p) => p.position)).size).toBe(3);
  });

  it("renumbers too when the drop names the card it lands after and there is no room behind it", async () => {
    const { client, stageAt, column, a, mover } = await tightColumn();
    const res = await client.post(`/api/v1/deals/${mover.id}/move`, {
      stageId: stageAt(0).id,
      afterDealId: a.id,
    });
    expect(res.statusCode).toBe(200);
    expect(await column(0)).toEqual(["A", "M", "B"]);
  });

  it("answers 409 to a stale version; without a version the last move wins and both are in the history", async () => {
    const { client, stageAt, dealIn } = await board();
    const other = await signedIn(t, "manager");
    const deal = await dealIn(0, "Contested");
    const first = await client.post(`/api/v1/deals/${deal.id}/move`, {
      stageId: stageAt(1).id,
      version: deal.version,
    });
    expect(first.statusCode).toBe(200);
    const stale = await other.client.post(`/api/v1/deals/${deal.id}/move`, {
      stageId: stageAt(2).id,
      version: deal.version,
    });
    expect(stale.statusCode).toBe(409);
    const blind = await other.client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stageAt(3).id });
    expect(blind.json().stageId).toBe(stageAt(3).id);
    const history = (await client.get(`/api/v1/deals/${deal.id}/stage-history`)).json().data;
    expect(history.map((h: { stageId: string }) => h.stageId)).toEqual([
      stageAt(0).id,
      stageAt(1).id,
      stageAt(3).id,
    ]);
  });

  it("refuses a stage of another pipeline and a closed deal (422)", async () => {
    const { client, stageAt, dealIn } = await board();
    const { stages: foreign } = await buildPipeline(t.database.db, { name: "Other" });
    const deal = await dealIn(0, "Closed");
    const wrong = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: foreign[0]?.id });
    expect(wrong.statusCode).toBe(422);
    await client.post(`/api/v1/deals/${deal.id}/won`, {});
    expect((await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stageAt(1).id })).statusCode).toBe(
      422,
    );
  });
});

describe("drop positions as the caller sees the column", () => {
  it("counts the index among the cards the caller can see, and takes afterDealId instead", async () => {
    const { client, stageAt, dealIn, column } = await board();
    const { team: otherTeam, user: outsider } = await teamWithSales(t);
    const a = await dealIn(1, "A");
    await buildDeal(t.database.db, { stage: stageAt(1), team: otherTeam, owner: outsider, title: "hidden" });
    await dealIn(1, "B");
    const m = await dealIn(0, "M");
    // The rep sees A, B: index 1 is between A and B, right after A.
    await client.post(`/api/v1/deals/${m.id}/move`, { stageId: stageAt(1).id, position: 1 });
    expect(await column(1)).toEqual(["A", "M", "hidden", "B"]);
    const n = await dealIn(0, "N");
    await client.post(`/api/v1/deals/${n.id}/move`, { stageId: stageAt(1).id, afterDealId: a.id });
    expect(await column(1)).toEqual(["A", "N", "M", "hidden", "B"]);
    await client.post(`/api/v1/deals/${n.id}/move`, { stageId: stageAt(1).id, afterDealId: null });
    expect((await column(1))[0]).toBe("N");
    const hidden = await client.post(`/api/v1/deals/${n.id}/move`, {
      stageId: stageAt(0).id,
      afterDealId: a.id,
    });
    expect(hidden.statusCode).toBe(422);
  });
});

describe("concurrent moves", () => {
  it("keep distinct positions and a consistent order when many cards are dropped into one column at once", async () => {
    const { client, stageAt, dealIn, column } = await board();
    for (const title of ["T1", "T2", "T3"]) await dealIn(1, title);
    const movers = [];
    for (let i = 0; i < 8; i++) movers.push(await dealIn(0, `M${i}`));
    const results = await Promise.all(
      movers.map((m, i) =>
        client.post(`/api/v1/deals/${m.id}/move`, { stageId: stageAt(1).id, position: i % 3 }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(movers.map(() => 200));
    const rows = await t.database.db
      .select({ position: deals.position })
      .from(deals)
      .where(and(eq(deals.stageId, stageAt(1).id), eq(deals.status, "open")));
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.position)).size).toBe(11);
    const order = await column(1);
    // The cards that were there keep their relative order.
    expect(order.filter((x) => x.startsWith("T"))).toEqual(["T1", "T2", "T3"]);
  });

  it("let exactly one of two moves with the same version through; the other gets 409", async () => {
    const { client, stageAt, dealIn } = await board();
    const other = await signedIn(t, "manager");
    const deal = await dealIn(0, "Race");
    const [a, b] = await Promise.all([
      client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stageAt(1).id, version: deal.version }),
      other.client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stageAt(2).id, version: deal.version }),
    ]);
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
  });
});
