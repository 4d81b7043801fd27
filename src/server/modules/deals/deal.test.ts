import { auditLog, dealStageHistory } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildCompany, buildContact, buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let stages: StageRow[];
let otherPipelineStage: StageRow;
beforeAll(async () => {
  t = await buildTestApp();
  stages = (await buildPipeline(t.database.db, { isDefault: true })).stages;
  const other = await buildPipeline(t.database.db, { name: "Partner", position: 1 });
  otherPipelineStage = other.stages[0] as StageRow;
});
afterAll(() => t.close());

const stage = (i: number) => {
  const s = stages[i];
  if (!s) throw new Error("no stage");
  return s;
};

describe("POST /api/v1/deals", () => {
  it("creates a deal in the default pipeline's first stage, owned by the caller, with contacts and history", async () => {
    const { user, client } = await signedIn(t, "sales");
    const company = await buildCompany(t.database.db, { owner: user, teamId: user.teamId });
    const anna = await buildContact(t.database.db, {
      owner: user,
      teamId: user.teamId,
      firstName: "Anna",
      lastName: "Zorn",
    });
    const ben = await buildContact(t.database.db, {
      owner: user,
      teamId: user.teamId,
      firstName: "Ben",
      lastName: "Adler",
    });
    const res = await client.post("/api/v1/deals", {
      title: "Rollout Nord",
      amount: { amount: "12000.50", currency: "EUR" },
      expectedCloseDate: "2027-01-31",
      companyId: company.id,
      contacts: [{ contactId: anna.id }, { contactId: ben.id, isPrimary: true }],
      tags: ["q1", "q1"],
    });
    expect(res.statusCode).toBe(201);
    const deal = res.json();
    expect(deal).toMatchObject({
      title: "Rollout Nord",
      status: "open",
      pipelineId: stage(0).pipelineId,
      stageId: stage(0).id,
      amount: { amount: "12000.50", currency: "EUR" },
      probability: 10,
      probabilityOverride: null,
      companyId: company.id,
      companyName: company.name,
      ownerId: user.id,
      ownerName: user.name,
      teamId: user.teamId,
      sourceLeadId: null,
      daysInStage: 0,
      rotting: false,
      nextActivity: null,
      tags: ["q1"],
      version: 1,
    });
    expect(deal.contacts).toEqual([
      { contactId: ben.id, name: "Ben Adler", isPrimary: true },
      { contactId: anna.id, name: "Anna Zorn", isPrimary: false },
    ]);
    expect((await client.get(`/api/v1/deals/${deal.id}`)).json()).toEqual(deal);
    const history = await t.database.db
      .select()
      .from(dealStageHistory)
      .where(eq(dealStageHistory.dealId, deal.id));
    expect(history).toMatchObject([{ stageId: stage(0).id, leftAt: null, movedBy: user.id }]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, deal.id), eq(auditLog.action, "deal.created")));
    expect(audit?.actorId).toBe(user.id);
  });

  it("puts a new deal at the end of its column and takes a stage and probability override", async () => {
    const { client } = await signedIn(t, "sales");
    const first = (await client.post("/api/v1/deals", { title: "A", stageId: stage(2).id })).json();
    const second = (
      await client.post("/api/v1/deals", { title: "B", stageId: stage(2).id, probability: 65 })
    ).json();
    expect(second.position).toBeGreaterThan(first.position);
    expect(second).toMatchObject({ stageId: stage(2).id, probability: 65, probabilityOverride: 65 });
    expect(first.probability).toBe(50);
  });

  it("refuses a stage of another pipeline, an invisible company and an invisible contact (422 with the field)", async () => {
    const { client } = await signedIn(t, "sales");
    const stranger = await teamWithSales(t);
    const company = await buildCompany(t.database.db, { owner: stranger.user, teamId: stranger.team.id });
    const contact = await buildContact(t.database.db, { owner: stranger.user, teamId: stranger.team.id });
    const wrongStage = await client.post("/api/v1/deals", {
      title: "X",
      pipelineId: stage(0).pipelineId,
      stageId: otherPipelineStage.id,
    });
    expect(wrongStage.statusCode).toBe(422);
    expect(wrongStage.json().errors[0].path).toBe("stageId");
    const hidden = await client.post("/api/v1/deals", { title: "X", companyId: company.id });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().errors[0].path).toBe("companyId");
    const hiddenContact = await client.post("/api/v1/deals", {
      title: "X",
      contacts: [{ contactId: contact.id }],
    });
    expect(hiddenContact.statusCode).toBe(422);
    expect(hiddenContact.json().errors[0].path).toBe("contacts.0.contactId");
  });

  it("lets a sales rep assign a teammate (team follows) but not someone from another team", async () => {
    const { team, client } = await teamWithSales(t);
    const mate = await signedIn(t, "sales", team);
    const stranger = await signedIn(t, "sales");
    const ok = await client.post("/api/v1/deals", { title: "For mate", ownerId: mate.user.id });
    expect(ok.json()).toMatchObject({ ownerId: mate.user.id, teamId: team.id });
    const refused = await client.post("/api/v1/deals", { title: "X", ownerId: stranger.user.id });
    expect(refused.statusCode).toBe(422);
  });
});

describe("who sees a deal", () => {
  it("answers 404 to sales of another team, lists it only for those who may see it", async () => {
    const owner = await signedIn(t, "sales");
    const stranger = await signedIn(t, "sales");
    const manager = await signedIn(t, "manager");
    const deal = (await owner.client.post("/api/v1/deals", { title: "Geheimprojekt Ölmühle" })).json();
    expect((await stranger.client.get(`/api/v1/deals/${deal.id}`)).statusCode).toBe(404);
    expect((await stranger.client.patch(`/api/v1/deals/${deal.id}`, { title: "x" })).statusCode).toBe(404);
    expect(
      (await stranger.client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stage(1).id })).statusCode,
    ).toBe(404);
    expect((await stranger.client.get(`/api/v1/deals/${deal.id}/timeline`)).statusCode).toBe(404);
    expect((await stranger.client.get("/api/v1/deals?q=olmuhle")).json().data).toEqual([]);
    expect(
      (await manager.client.get("/api/v1/deals?q=olmuhle")).json().data.map((d: { id: string }) => d.id),
    ).toEqual([deal.id]);
  });
});

describe("PATCH /api/v1/deals/{id}", () => {
  it("changes fields, resets the probability with null, replaces contacts, and answers 409 on a stale version", async () => {
    const { user, client } = await signedIn(t, "sales");
    const contact = await buildContact(t.database.db, { owner: user, teamId: user.teamId });
    const deal = (await client.post("/api/v1/deals", { title: "Alt", probability: 40 })).json();
    const res = await client.patch(`/api/v1/deals/${deal.id}`, {
      title: "Neu",
      probability: null,
      amount: { amount: "99.99", currency: "CHF" },
      contacts: [{ contactId: contact.id }],
      version: deal.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: "Neu",
      probability: 10,
      probabilityOverride: null,
      amount: { amount: "99.99", currency: "CHF" },
      contacts: [{ contactId: contact.id, isPrimary: true }],
      version: 2,
    });
    const stale = await client.patch(`/api/v1/deals/${deal.id}`, { title: "Zu spät", version: 1 });
    expect(stale.statusCode).toBe(409);
    const viaHeader = await client.patch(
      `/api/v1/deals/${deal.id}`,
      { title: "Header" },
      { "if-match": '"1"' },
    );
    expect(viaHeader.statusCode).toBe(409);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, deal.id), eq(auditLog.action, "deal.updated")));
    expect(audit?.changes).toMatchObject({
      title: { from: "Alt", to: "Neu" },
      probability: { from: 40, to: null },
    });
  });
});

describe("negative amounts", () => {
  it("are refused with 400 on the amount when creating or editing a deal (issue #15)", async () => {
    const { client } = await signedIn(t, "sales");
    const created = await client.post("/api/v1/deals", {
      title: "Minus",
      amount: { amount: "-12500", currency: "EUR" },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toEqual([
      expect.objectContaining({ path: "amount.amount", code: "amount_negative" }),
    ]);
    const deal = (await client.post("/api/v1/deals", { title: "Plus" })).json();
    const edited = await client.patch(`/api/v1/deals/${deal.id}`, {
      amount: { amount: "-1.50", currency: "EUR" },
      version: deal.version,
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().errors[0]).toMatchObject({ path: "amount.amount", code: "amount_negative" });
    expect((await client.get(`/api/v1/deals/${deal.id}`)).json().amount).toBeNull();
  });
});

describe("won, lost and reopen", () => {
  it("marks won, refuses a second outcome, and lets only a manager reopen to the end of the column", async () => {
    const { client } = await signedIn(t, "sales");
    const manager = await signedIn(t, "manager");
    const deal = (await client.post("/api/v1/deals", { title: "Gewinner", stageId: stage(3).id })).json();
    const won = await client.post(`/api/v1/deals/${deal.id}/won`, { version: deal.version });
    expect(won.statusCode).toBe(200);
    expect(won.json()).toMatchObject({ status: "won", closedAt: expect.any(String), lostReason: null });
    expect((await client.post(`/api/v1/deals/${deal.id}/lost`, { reason: "Preis" })).statusCode).toBe(422);
    expect((await client.post(`/api/v1/deals/${deal.id}/reopen`, {})).statusCode).toBe(403);
    const other = (await client.post("/api/v1/deals", { title: "Später", stageId: stage(3).id })).json();
    const reopened = await manager.client.post(`/api/v1/deals/${deal.id}/reopen`, {});
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: "open", closedAt: null });
    expect(reopened.json().position).toBeGreaterThan(other.position);
    const history = (await client.get(`/api/v1/deals/${deal.id}/stage-history`)).json().data;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ stageId: stage(3).id, leftAt: expect.any(String) });
    expect(history[1]).toMatchObject({ stageId: stage(3).id, leftAt: null });
  });

  it("needs a reason to mark lost, accepts one outside the list, and keeps it", async () => {
    const { client } = await signedIn(t, "sales");
    const deal = (await client.post("/api/v1/deals", { title: "Verloren" })).json();
    const noReason = await client.post(`/api/v1/deals/${deal.id}/lost`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe("reason");
    const lost = await client.post(`/api/v1/deals/${deal.id}/lost`, { reason: "Kunde insolvent" });
    expect(lost.json()).toMatchObject({ status: "lost", lostReason: "Kunde insolvent" });
    const timeline = (await client.get(`/api/v1/deals/${deal.id}/timeline`)).json().data;
    expect(timeline.map((i: { action?: string }) => i.action)).toEqual(
      expect.arrayContaining(["deal.lost", "deal.created"]),
    );
  });
});

describe("closed deals count right (#18)", () => {
  it("answers probability 100 for a won deal and 0 for a lost one, and the board sums only open deals", async () => {
    const { client } = await signedIn(t, "sales");
    const body = (title: string) => ({
      title,
      stageId: stage(1).id,
      amount: { amount: "102000.00", currency: "EUR" },
      probability: 40,
    });
    const open = (await client.post("/api/v1/deals", body("Offen"))).json();
    const winner = (await client.post("/api/v1/deals", body("Gewonnen"))).json();
    const loser = (await client.post("/api/v1/deals", body("Verloren"))).json();
    expect(open.probability).toBe(40);
    const won = await client.post(`/api/v1/deals/${winner.id}/won`, {});
    expect(won.json()).toMatchObject({ status: "won", probability: 100, probabilityOverride: 40 });
    const lost = await client.post(`/api/v1/deals/${loser.id}/lost`, { reason: "Preis" });
    expect(lost.json()).toMatchObject({ status: "lost", probability: 0 });
    expect((await client.get(`/api/v1/deals/${winner.id}`)).json().probability).toBe(100);
    const listed = (await client.get("/api/v1/deals?status=won&limit=200")).json().data;
    expect(listed.find((d: { id: string }) => d.id === winner.id)?.probability).toBe(100);
    const board = (
      await client.get(`/api/v1/pipelines/${stage(1).pipelineId}/board?ownerId=${open.ownerId}`)
    ).json();
    const column = board.columns.find((c: { stage: { id: string } }) => c.stage.id === stage(1).id);
    expect(column.deals.map((d: { id: string }) => d.id)).toContain(open.id);
    expect(column.deals.map((d: { id: string }) => d.id)).not.toContain(winner.id);
  });
});

describe("DELETE /api/v1/deals/{id}", () => {
  it("deletes softly: 204, then 404 and gone from the list", async () => {
    const { client } = await signedIn(t, "sales");
    const deal = (await client.post("/api/v1/deals", { title: "Weg damit" })).json();
    expect((await client.delete(`/api/v1/deals/${deal.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/deals/${deal.id}`)).statusCode).toBe(404);
    expect((await client.get("/api/v1/deals?q=weg damit")).json().data).toEqual([]);
  });
});

describe("GET /api/v1/deals", () => {
  it("filters by stage, status and close date, sorts, and pages with a keyset cursor", async () => {
    const { team, client } = await teamWithSales(t);
    const titles = ["Delta", "alpha", "Charlie", "Bravo", "Echo"];
    for (const [i, title] of titles.entries())
      await client.post("/api/v1/deals", {
        title: `Liste ${title}`,
        stageId: stage(1).id,
        expectedCloseDate: `2027-0${i + 1}-15`,
        teamId: team.id,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/deals?mine=true&stageId=${stage(1).id}&status=open&sort=title&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await client.get(query)).json();
      seen.push(...page.data.map((d: { title: string }) => d.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Liste alpha", "Liste Bravo", "Liste Charlie", "Liste Delta", "Liste Echo"]);
    const ranged = (
      await client.get(
        "/api/v1/deals?mine=true&closeFrom=2027-02-01&closeTo=2027-03-31&sort=expectedCloseDate",
      )
    ).json();
    expect(ranged.data.map((d: { title: string }) => d.title)).toEqual(["Liste alpha", "Liste Charlie"]);
    expect((await client.get("/api/v1/deals?cursor=bm9wZQ")).statusCode).toBe(400);
  });
});

describe("GET /api/v1/deals?contactId= (a contact's page, issue #15)", () => {
  it("lists the deals a contact takes part in, primary or not, and only those the caller may see", async () => {
    const { user, client } = await signedIn(t, "sales");
    const stranger = await signedIn(t, "sales");
    const manager = await signedIn(t, "manager");
    const clara = await buildContact(t.database.db, { owner: user, teamId: user.teamId, lastName: "Clara" });
    const other = await buildContact(t.database.db, { owner: user, teamId: user.teamId, lastName: "Other" });
    const create = (title: string, contacts: { contactId: string; isPrimary?: boolean }[]) =>
      client.post("/api/v1/deals", { title, contacts }).then((r) => r.json() as { id: string });
    const lead = await create("Clara primary", [{ contactId: clara.id, isPrimary: true }]);
    const side = await create("Clara beside", [
      { contactId: other.id, isPrimary: true },
      { contactId: clara.id },
    ]);
    await create("Not Clara", [{ contactId: other.id }]);
    const ids = async (c: typeof client) =>
      (
        (await c.get(`/api/v1/deals?contactId=${clara.id}&sort=-createdAt`)).json().data as { id: string }[]
      ).map((d) => d.id);
    expect(await ids(client)).toEqual([side.id, lead.id]);
    expect(await ids(manager.client)).toEqual([side.id, lead.id]);
    expect(await ids(stranger.client)).toEqual([]);
  });
});

describe("lost reasons", () => {
  it("offers defaults, lets only an admin replace the list", async () => {
    const { client } = await signedIn(t, "sales");
    const admin = await signedIn(t, "admin");
    expect((await client.get("/api/v1/settings/lost-reasons")).json().reasons.length).toBeGreaterThan(0);
    expect(
      (
        await client.request({
          method: "PUT",
          url: "/api/v1/settings/lost-reasons",
          payload: { reasons: ["x"] },
        })
      ).statusCode,
    ).toBe(403);
    const saved = await admin.client.request({
      method: "PUT",
      url: "/api/v1/settings/lost-reasons",
      payload: { reasons: ["Zu teuer", "Timing", "Zu teuer"] },
    });
    expect(saved.json()).toEqual({ reasons: ["Zu teuer", "Timing"] });
    expect((await client.get("/api/v1/settings/lost-reasons")).json()).toEqual({
      reasons: ["Zu teuer", "Timing"],
    });
    // Other settings are unaffected by the extra key in the settings table.
    expect((await client.get("/api/v1/settings")).statusCode).toBe(200);
  });
});
