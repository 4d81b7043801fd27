import { dealStageHistory, forecastSnapshots } from "@server/db/schema";
import type { TeamRow } from "@server/modules/teams/team.repository";
import type { UserRow } from "@server/modules/users/user.repository";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import {
  buildActivity,
  buildDeal,
  buildLead,
  buildPipeline,
  type DealRow,
  type LeadRow,
  type StageRow,
} from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeForecastSnapshot, utcDay } from "./forecast-snapshot.repository";
import { startOfDay, todayIn } from "./report-period";

/*
 * Hand-computed figures (#18). Team A's salesperson S owns the fixture; team B's leads stay out of
 * S's numbers. Times are UTC instants; the reports read them in Europe/Berlin unless told otherwise.
 */
let t: TestApp;
let teamA: TeamRow;
let teamB: TeamRow;
let s: { user: UserRow; client: Client };
let other: { user: UserRow; client: Client };
let admin: { user: UserRow; client: Client };
let stages: StageRow[];
const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;
const L: Record<string, LeadRow> = {};
const D: Record<string, DealRow> = {};

const stage = (i: number) => {
  const found = stages[i];
  if (!found) throw new Error("no stage");
  return found;
};

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  teamA = await buildTeam(db, { name: "Team A" });
  teamB = await buildTeam(db, { name: "Team B" });
  s = await signedIn(t, "sales", teamA);
  other = await signedIn(t, "sales", teamB);
  admin = await signedIn(t, "admin");
  await buildPipeline(db, { isDefault: true });
  stages = (await buildPipeline(db, { name: "Projekte", position: 1 })).stages;
  const mine = { team: teamA, owner: s.user };
  const lead = (created: string, more: Parameters<typeof buildLead>[1] = {}) =>
    buildLead(db, { ...mine, createdAt: at(created), malAt: at(created), source: "manual", ...more });

  // The funnel in March 2026 (Berlin): L1 was created at 00:30 on 1 March in Berlin (still
  // February in UTC), L5 at 00:30 on 1 April in Berlin (still March in UTC).
  L.l1 = await lead("2026-02-28T23:30:00Z", { lifecycleStage: "mql", mqlAt: at("2026-03-04T23:30:00Z") });
  L.l2 = await lead("2026-03-05T10:00:00Z", {
    lifecycleStage: "mql",
    mqlAt: at("2026-03-07T10:00:00Z"),
    source: "web_form",
  });
  L.l3 = await lead("2026-03-10T10:00:00Z", {
    status: "in_process",
    lifecycleStage: "sql",
    mqlAt: at("2026-03-11T10:00:00Z"),
    salAt: at("2026-03-14T10:00:00Z"),
    sqlAt: at("2026-03-19T10:00:00Z"),
  });
  D.converted = await buildDeal(db, {
    ...mine,
    title: "Aus L4",
    status: "won",
    amount: "9000.00",
    closedAt: at("2026-04-19T10:00:00Z"),
  });
  // Converted straight from MAL: it counts in MQL, SAL and SQL too, at the time of its conversion.
  L.l4 = await lead("2026-03-20T10:00:00Z", {
    status: "converted",
    convertedAt: at("2026-03-30T10:00:00Z"),
    convertedDealId: D.converted.id,
  });
  L.l5 = await lead("2026-03-31T22:30:00Z", { team: teamA, owner: null, status: "new" });
  L.l7 = await lead("2026-03-31T21:30:00Z");
  L.l6 = await lead("2026-03-15T10:00:00Z", { team: teamB, owner: null, status: "new" });
  // First activities: 2 hours after L2 was created, 6 hours after L3.
  await buildActivity(db, {
    ...mine,
    lead: L.l2,
    type: "call",
    done: true,
    createdAt: at("2026-03-05T12:00:00Z"),
  });
  await buildActivity(db, {
    ...mine,
    lead: L.l3,
    type: "call",
    done: true,
    createdAt: at("2026-03-10T16:00:00Z"),
  });

  // The pipeline "Projekte": open deals now, and what closed around March.
  const deal = (i: number, more: Parameters<typeof buildDeal>[1]) =>
    buildDeal(db, { ...mine, stage: stage(i), ...more });
  const today = todayIn("Europe/Berlin");
  const nextMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 15));
  D.o1 = await deal(0, { title: "O1", amount: "1000.00", expectedCloseDate: today });
  D.o2 = await deal(1, {
    title: "O2",
    amount: "2000.00",
    probability: 40,
    expectedCloseDate: nextMonth.toISOString().slice(0, 10),
    stageEnteredAt: new Date(Date.now() - 10 * DAY),
  });
  D.o3 = await deal(1, {
    title: "O3",
    amount: "500.55",
    expectedCloseDate: "2020-01-01",
    stageEnteredAt: new Date(Date.now() - DAY),
  });
  D.o4 = await deal(3, { title: "O4", amount: null, expectedCloseDate: null });
  await buildActivity(db, { ...mine, deal: D.o1, type: "task", dueAt: at("2099-01-01T09:00:00Z") });

  const closed = (i: number, more: Parameters<typeof buildDeal>[1]) =>
    deal(i, { expectedCloseDate: null, ...more });
  // Won at 23:30 on 31 March in Berlin: March. Won at 00:30 on 1 April in Berlin: April.
  D.w1 = await closed(3, {
    title: "W1",
    status: "won",
    amount: "3000.00",
    createdAt: at("2026-03-01T10:00:00Z"),
    closedAt: at("2026-03-31T21:30:00Z"),
    sourceLeadId: L.l2.id,
  });
  D.w2 = await closed(3, {
    title: "W2",
    status: "won",
    amount: "1000.00",
    createdAt: at("2026-03-05T10:00:00Z"),
    closedAt: at("2026-03-10T10:00:00Z"),
  });
  D.w3 = await closed(3, {
    title: "W3",
    status: "won",
    amount: "7000.00",
    closedAt: at("2026-03-31T22:30:00Z"),
  });
  D.w0 = await closed(3, {
    title: "W0",
    status: "won",
    amount: "250.00",
    closedAt: at("2026-02-15T10:00:00Z"),
  });
  const lost = async (title: string, reason: string, stayDays: number) => {
    const row = await closed(1, {
      title,
      status: "lost",
      lostReason: reason,
      closedAt: at("2026-03-20T10:00:00Z"),
    });
    // A finished stay in "Bedarfsanalyse" of stayDays days: the stage's history is 2, 4 and 6 days.
    const entered = at("2026-03-01T00:00:00Z");
    await db.insert(dealStageHistory).values({
      dealId: row.id,
      stageId: stage(1).id,
      enteredAt: entered,
      leftAt: new Date(entered.getTime() + stayDays * DAY),
    });
    return row;
  };
  D.x1 = await lost("X1", "Preis", 2);
  D.x2 = await lost("X2", "Preis", 4);
  D.x3 = await lost("X3", "Budget", 6);
  // Tasks of S: one overdue, one later today.
  await buildActivity(db, {
    ...mine,
    deal: D.o1,
    type: "task",
    dueAt: new Date(Date.parse(`${today}T00:00:00Z`) - 2 * DAY),
  });
  await buildActivity(db, {
    ...mine,
    deal: D.o1,
    type: "task",
    dueAt: new Date(startOfDay(today, "Europe/Berlin").getTime() + 60_000),
  });
});
afterAll(() => t.close());

const MARCH = "from=2026-03-01&to=2026-03-31";

describe("GET /api/v1/reports/funnel", () => {
  it("counts each lead in every step it reached, with rates and median days, in Berlin's March", async () => {
    const res = await s.client.get(`/api/v1/reports/funnel?${MARCH}&timeZone=Europe/Berlin`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.period).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      timeZone: "Europe/Berlin",
      startsAt: "2026-02-28T23:00:00.000Z",
      endsBefore: "2026-03-31T22:00:00.000Z",
    });
    expect(body.steps).toEqual([
      { step: "mal", count: 5, rateFromPrevious: null, medianDaysFromPrevious: null },
      { step: "mql", count: 4, rateFromPrevious: 0.8, medianDaysFromPrevious: 3 },
      { step: "sal", count: 2, rateFromPrevious: 0.5, medianDaysFromPrevious: 1.5 },
      { step: "sql", count: 2, rateFromPrevious: 1, medianDaysFromPrevious: 2.5 },
      { step: "converted", count: 1, rateFromPrevious: 0.5, medianDaysFromPrevious: 0 },
      { step: "won", count: 1, rateFromPrevious: 1, medianDaysFromPrevious: 20 },
    ]);
  });

  it("reads the same instants in UTC as another month's edges", async () => {
    const body = (await s.client.get(`/api/v1/reports/funnel?${MARCH}&timeZone=UTC`)).json();
    // L1 falls into February, L5 into March: five leads again, but only three reached MQL.
    expect(body.steps.slice(0, 2).map((x: { count: number }) => x.count)).toEqual([5, 3]);
  });

  it("groups cohorts by creation month in the zone, and breaks down by source", async () => {
    const months = (await s.client.get(`/api/v1/reports/funnel?from=2026-02-01&to=2026-04-30`)).json();
    expect(months.groups.map((g: { key: string; counts: { mal: number } }) => [g.key, g.counts.mal])).toEqual(
      [
        ["2026-03", 5],
        ["2026-04", 1],
      ],
    );
    const sources = (await s.client.get(`/api/v1/reports/funnel?${MARCH}&groupBy=source`)).json();
    expect(sources.groups).toEqual([
      { key: "manual", label: "manual", counts: { mal: 4, mql: 3, sal: 2, sql: 2, converted: 1, won: 1 } },
      {
        key: "web_form",
        label: "web_form",
        counts: { mal: 1, mql: 1, sal: 0, sql: 0, converted: 0, won: 0 },
      },
    ]);
  });

  it("counts only what the reader may see: another team's salesperson sees their team's lead only", async () => {
    const theirs = (await other.client.get(`/api/v1/reports/funnel?${MARCH}`)).json();
    expect(theirs.steps[0].count).toBe(1);
    const all = (await admin.client.get(`/api/v1/reports/funnel?${MARCH}`)).json();
    expect(all.steps[0].count).toBe(6);
    const teamOnly = (await admin.client.get(`/api/v1/reports/funnel?${MARCH}&teamId=${teamA.id}`)).json();
    expect(teamOnly.steps).toEqual((await s.client.get(`/api/v1/reports/funnel?${MARCH}`)).json().steps);
  });

  it("opens the leads behind a step through the lead list's funnelStep filter", async () => {
    const { period } = (await s.client.get(`/api/v1/reports/funnel?${MARCH}`)).json();
    const createdTo = new Date(Date.parse(period.endsBefore) - 1).toISOString();
    const list = await s.client.get(
      `/api/v1/leads?funnelStep=mql&createdFrom=${period.startsAt}&createdTo=${createdTo}&limit=200`,
    );
    expect(list.statusCode).toBe(200);
    const ids = list
      .json()
      .data.map((l: { id: string }) => l.id)
      .sort();
    expect(ids).toEqual([L.l1?.id, L.l2?.id, L.l3?.id, L.l4?.id].sort());
    const won = (await s.client.get(`/api/v1/leads?funnelStep=won&limit=200`)).json().data;
    expect(won.map((l: { id: string }) => l.id)).toEqual([L.l4?.id]);
  });

  it("refuses a bad zone, a reversed period and a NUL byte as 400s naming the field", async () => {
    const zone = await s.client.get("/api/v1/reports/funnel?timeZone=Mars/Base");
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0]).toMatchObject({ path: "timeZone", code: "time_zone_invalid" });
    const reversed = await s.client.get("/api/v1/reports/funnel?from=2026-03-02&to=2026-03-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0]).toMatchObject({ path: "to", code: "period_reversed" });
    const nul = await s.client.get("/api/v1/reports/funnel?timeZone=Europe%2FBer%00lin");
    expect(nul.statusCode).toBe(400);
    const step = await s.client.get("/api/v1/leads?funnelStep=lost");
    expect(step.statusCode).toBe(400);
    expect(step.json().errors[0].path).toBe("funnelStep");
  });
});

describe("GET /api/v1/reports/pipeline", () => {
  it("sums open deals by stage (weighted by open probability) and what closed in Berlin's March", async () => {
    const res = await s.client.get(`/api/v1/reports/pipeline?${MARCH}&pipelineId=${stage(0).pipelineId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const eur = (amount: string) => [{ amount, currency: "EUR" }];
    expect(body.stages).toEqual([
      expect.objectContaining({
        name: "Qualifiziert",
        count: 1,
        sum: eur("1000.00"),
        weightedSum: eur("100.00"),
      }),
      expect.objectContaining({
        name: "Bedarfsanalyse",
        count: 2,
        sum: eur("2500.55"),
        weightedSum: eur("925.14"),
        medianDaysInStage: 4,
        p75DaysInStage: 5,
      }),
      expect.objectContaining({ name: "Angebot versendet", count: 0, sum: [], weightedSum: [] }),
      expect.objectContaining({ name: "Verhandlung", count: 1, sum: [], weightedSum: [] }),
    ]);
    // W1 (23:30 on 31 March in Berlin) and W2 won in March; W3 (00:30 on 1 April) did not.
    expect(body.won).toEqual({ count: 2, sum: eur("4000.00") });
    expect(body.lost).toEqual({ count: 3 });
    expect(body.winRate).toBe(0.4);
    expect(body.averageDealSize).toEqual(eur("2000.00"));
    expect(body.salesCycleMedianDays).toBe(17.7);
    expect(body.lostReasons).toEqual([
      { reason: "Preis", count: 2 },
      { reason: "Budget", count: 1 },
    ]);
    expect(body.wonRevenueBySource).toEqual(
      expect.arrayContaining([
        { source: "web_form", count: 1, sum: eur("3000.00") },
        { source: null, count: 1, sum: eur("1000.00") },
      ]),
    );
    expect(body.wonRevenueBySource).toHaveLength(2);
  });

  it("shows another team's salesperson none of it", async () => {
    const body = (
      await other.client.get(`/api/v1/reports/pipeline?${MARCH}&pipelineId=${stage(0).pipelineId}`)
    ).json();
    expect(body.stages.map((x: { count: number }) => x.count)).toEqual([0, 0, 0, 0]);
    expect(body.won).toEqual({ count: 0, sum: [] });
    expect(body.winRate).toBeNull();
  });
});

describe("GET /api/v1/reports/forecast", () => {
  it("buckets open deals by expected close month, with overdue and undated ones in their own buckets", async () => {
    const body = (await s.client.get(`/api/v1/reports/forecast?pipelineId=${stage(0).pipelineId}`)).json();
    const today = todayIn("Europe/Berlin");
    expect(body.today).toBe(today);
    expect(body.buckets).toHaveLength(9);
    const byKey = Object.fromEntries(body.buckets.map((b: { key: string }) => [b.key, b]));
    const months = body.buckets.slice(1, 7).map((b: { key: string }) => b.key);
    expect(months[0]).toBe(today.slice(0, 7));
    expect(byKey.overdue).toMatchObject({ count: 1, weightedSum: [{ amount: "125.14", currency: "EUR" }] });
    expect(byKey[months[0]]).toMatchObject({
      count: 1,
      closeFrom: today,
      weightedSum: [{ amount: "100.00", currency: "EUR" }],
    });
    expect(byKey[months[1]]).toMatchObject({
      count: 1,
      weightedSum: [{ amount: "800.00", currency: "EUR" }],
    });
    expect(byKey.none).toMatchObject({ count: 1, sum: [] });
    expect(byKey.later).toMatchObject({ count: 0 });
  });
});

describe("GET /api/v1/reports/health", () => {
  it("flags open deals without a next activity, past their close date, or stuck beyond 1.5× the stage's median", async () => {
    const res = await s.client.get(`/api/v1/reports/health?pipelineId=${stage(0).pipelineId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ flagged: 3, no_next_activity: 3, close_date_passed: 1, stuck: 1 });
    const flags = Object.fromEntries(
      body.data.map((d: { title: string; flags: string[] }) => [d.title, d.flags]),
    );
    expect(flags).toEqual({
      O2: ["no_next_activity", "stuck"],
      O3: ["no_next_activity", "close_date_passed"],
      O4: ["no_next_activity"],
    });
    // Longest in their stage first, paged by a cursor.
    const first = (
      await s.client.get(`/api/v1/reports/health?pipelineId=${stage(0).pipelineId}&limit=1`)
    ).json();
    expect(first.data.map((d: { title: string }) => d.title)).toEqual(["O2"]);
    const next = (
      await s.client.get(
        `/api/v1/reports/health?pipelineId=${stage(0).pipelineId}&limit=1&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(next.data).toHaveLength(1);
    expect(next.data[0].title).not.toBe("O2");
    const stuck = (
      await s.client.get(`/api/v1/reports/health?pipelineId=${stage(0).pipelineId}&flag=stuck`)
    ).json();
    expect(stuck.data.map((d: { title: string }) => d.title)).toEqual(["O2"]);
    expect((await s.client.get("/api/v1/reports/health?cursor=bm9wZQ")).statusCode).toBe(400);
    // The board carries each stage's usual stay, from which its cards show "stuck".
    const board = (await s.client.get(`/api/v1/pipelines/${stage(0).pipelineId}/board`)).json();
    expect(board.columns.map((c: { medianDaysInStage: number | null }) => c.medianDaysInStage)).toEqual([
      null,
      4,
      null,
      null,
    ]);
    expect(
      (await other.client.get(`/api/v1/reports/health?pipelineId=${stage(0).pipelineId}`)).json().counts
        .flagged,
    ).toBe(0);
  });
});

describe("GET /api/v1/reports/health: the stuck line", () => {
  it("counts whole days in the stage: 6 days 23 hours is not beyond 1.5 × a 4-day median, 7 days is", async () => {
    const db = t.database.db;
    const { stages: own } = await buildPipeline(db, { name: "Grenze", position: 2 });
    const [column] = own;
    if (!column) throw new Error("no stage");
    const team = await buildTeam(db);
    // Three finished stays of 4 days: the stage's median is 4, so stuck means 7 whole days or more.
    for (let i = 0; i < 3; i++) {
      const done = await buildDeal(db, { team, stage: column, status: "lost", closedAt: new Date() });
      const entered = new Date(Date.now() - (30 + i) * DAY);
      await db.insert(dealStageHistory).values({
        dealId: done.id,
        stageId: column.id,
        enteredAt: entered,
        leftAt: new Date(entered.getTime() + 4 * DAY),
      });
    }
    const HOUR = 3_600_000;
    const open = (title: string, ago: number) =>
      buildDeal(db, { team, stage: column, title, stageEnteredAt: new Date(Date.now() - ago) });
    await open("Fast", 7 * DAY - HOUR);
    await open("Drüber", 7 * DAY + HOUR);
    const body = (
      await admin.client.get(
        `/api/v1/reports/health?pipelineId=${column.pipelineId}&teamId=${team.id}&flag=stuck`,
      )
    ).json();
    expect(body.counts.stuck).toBe(1);
    expect(body.data.map((d: { title: string; daysInStage: number }) => [d.title, d.daysInStage])).toEqual([
      ["Drüber", 7],
    ]);
  });
});

describe("GET /api/v1/reports/dashboard", () => {
  it("gives a salesperson their own numbers and no team section", async () => {
    const res = await s.client.get(`/api/v1/reports/dashboard?${MARCH}&pipelineId=${stage(0).pipelineId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.view).toBe("personal");
    expect(body.team).toBeNull();
    expect(body.mine.openLeadsByStatus).toEqual([
      { status: "assigned", count: 3 },
      { status: "in_process", count: 1 },
    ]);
    expect(body.mine.tasks).toEqual({ overdue: 1, today: 1 });
    expect(body.mine.pipeline.stages.map((x: { count: number }) => x.count)).toEqual([1, 2, 0, 1]);
    expect(body.mine.wonThisMonth).toEqual({ count: 2, sum: [{ amount: "4000.00", currency: "EUR" }] });
    expect(body.mine.wonLastMonth).toEqual({ count: 1, sum: [{ amount: "250.00", currency: "EUR" }] });
    expect(body.mine.health).toEqual({ flagged: 3, no_next_activity: 3, close_date_passed: 1, stuck: 1 });
  });

  it("gives an admin the team's funnel, win rate, response time and leaderboard", async () => {
    const body = (
      await admin.client.get(
        `/api/v1/reports/dashboard?${MARCH}&teamId=${teamA.id}&pipelineId=${stage(0).pipelineId}`,
      )
    ).json();
    expect(body.view).toBe("team");
    expect(body.team.funnel.map((x: { count: number }) => x.count)).toEqual([5, 4, 2, 2, 1, 1]);
    expect(body.team.winRate).toBe(0.4);
    expect(body.team.leadResponseMedianHours).toBe(4);
    expect(body.team.leaderboard).toEqual([
      {
        ownerId: s.user.id,
        name: s.user.name,
        wonCount: 2,
        wonSum: [{ amount: "4000.00", currency: "EUR" }],
        openCount: 4,
      },
    ]);
    expect(body.team.health.flagged).toBe(3);
  });
});

describe("forecast snapshots", () => {
  it("the nightly job stores each open deal once a day, and the forecast shows the change since last week", async () => {
    const db = t.database.db;
    const pipelineId = stage(0).pipelineId;
    // A snapshot as of eight days ago (the fixture as it stands), then today's, as the hourly job
    // takes it (the job ran at the app's start, before the fixture existed, and wrote no rows).
    await takeForecastSnapshot(db, new Date(Date.now() - 8 * DAY));
    expect(await takeForecastSnapshot(db, new Date())).toBeGreaterThanOrEqual(4);
    const today = utcDay(new Date());
    const todays = await db
      .select({ dealId: forecastSnapshots.dealId, probability: forecastSnapshots.probability })
      .from(forecastSnapshots)
      .where(and(eq(forecastSnapshots.takenOn, today), eq(forecastSnapshots.pipelineId, pipelineId)));
    expect(todays.map((r) => r.dealId).sort()).toEqual([D.o1?.id, D.o2?.id, D.o3?.id, D.o4?.id].sort());
    expect(todays.find((r) => r.dealId === D.o2?.id)?.probability).toBe(40);
    expect(await takeForecastSnapshot(db, new Date())).toBe(0);

    // Since then: one new deal, one moved, one slipped, one won, one lost.
    const mine = { team: teamA, owner: s.user };
    await buildDeal(db, { ...mine, stage: stage(0), title: "Neu" });
    const version = async (id: string | undefined) =>
      (await s.client.get(`/api/v1/deals/${id}`)).json().version;
    expect(
      (
        await s.client.post(`/api/v1/deals/${D.o4?.id}/move`, {
          stageId: stage(2).id,
          version: await version(D.o4?.id),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await s.client.patch(`/api/v1/deals/${D.o1?.id}`, {
          expectedCloseDate: "2099-12-31",
          version: await version(D.o1?.id),
        })
      ).statusCode,
    ).toBe(200);
    expect((await s.client.post(`/api/v1/deals/${D.o3?.id}/won`, {})).statusCode).toBe(200);
    expect((await s.client.post(`/api/v1/deals/${D.o2?.id}/lost`, { reason: "Preis" })).statusCode).toBe(200);

    const body = (await s.client.get(`/api/v1/reports/forecast?pipelineId=${pipelineId}`)).json();
    expect(body.snapshot).toEqual({
      takenOn: utcDay(new Date(Date.now() - 8 * DAY)),
      changes: { new: 1, moved: 1, won: 1, lost: 1, slipped: 1 },
    });
    // The pipeline as of eight days ago: the snapshot's deals, close dates and probabilities.
    const asOf = utcDay(new Date(Date.now() - 8 * DAY));
    const then = (
      await s.client.get(`/api/v1/reports/forecast?pipelineId=${pipelineId}&asOf=${asOf}&timeZone=UTC`)
    ).json();
    expect(then.asOf).toBe(asOf);
    expect(then.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(4);
    const none = await s.client.get(`/api/v1/reports/forecast?asOf=2001-01-01`);
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toMatchObject({ path: "asOf", code: "snapshot_not_found" });
    // Another team's salesperson sees none of these changes.
    const theirs = (await other.client.get(`/api/v1/reports/forecast?pipelineId=${pipelineId}`)).json();
    expect(theirs.snapshot.changes).toEqual({ new: 0, moved: 0, won: 0, lost: 0, slipped: 0 });
  });
});

describe("the permission gate inside the figures (#18 point 3)", () => {
  it("counts a salesperson's funnel over their team's leads and their own leads outside it", async () => {
    const db = t.database.db;
    // June 2026 in UTC: whole days, so every count comes from the aggregate (its team rollup for the
    // team, its per-owner rows for S's own leads elsewhere).
    const june = (day: string, more: Parameters<typeof buildLead>[1]) =>
      buildLead(db, { createdAt: at(`2026-06-${day}T10:00:00Z`), source: "manual", ...more });
    await june("03", { team: teamB, owner: s.user }); // S's, handed over to team B: S and B see it
    await june("04", { team: teamB, owner: other.user, mqlAt: at("2026-06-05T10:00:00Z") }); // B's only
    await june("05", { team: teamA, owner: null }); // team A's: S sees it
    await june("06", { team: teamA, owner: other.user }); // in team A, B's salesperson owns it: both
    await june("07", { team: null, owner: s.user, source: "web_form" }); // S's, no team: S only
    const JUNE = "from=2026-06-01&to=2026-06-30&timeZone=UTC";
    const mal = async (c: Client, more = "") =>
      (await c.get(`/api/v1/reports/funnel?${JUNE}${more}`)).json().steps[0].count;
    expect(await mal(s.client)).toBe(4);
    expect(await mal(other.client)).toBe(3);
    expect(await mal(admin.client)).toBe(5);
    // The same per source and per owner (the per-owner rows): the groups add up to the same leads.
    expect(await mal(s.client, "&source=web_form")).toBe(1);
    const byOwner = (await s.client.get(`/api/v1/reports/funnel?${JUNE}&groupBy=owner`)).json();
    expect(byOwner.groups.reduce((n: number, g: { counts: { mal: number } }) => n + g.counts.mal, 0)).toBe(4);
    const bySource = (await s.client.get(`/api/v1/reports/funnel?${JUNE}&groupBy=source`)).json();
    expect(
      bySource.groups.map((g: { key: string; counts: { mal: number } }) => [g.key, g.counts.mal]),
    ).toEqual([
      ["manual", 3],
      ["web_form", 1],
    ]);
  });

  it("counts only visible activities as a next activity, and no source of a lead the reader cannot open", async () => {
    const db = t.database.db;
    const gate = (await buildPipeline(db, { name: "Gate", position: 2 })).stages;
    const pipelineId = gate[0]?.pipelineId ?? "";
    const mine = { team: teamA, owner: s.user };
    // S's open deal whose only open activity belongs to team B's salesperson: S finds no next step.
    const open = await buildDeal(db, { ...mine, stage: gate[0], title: "G1", status: "open" });
    await buildActivity(db, {
      team: teamB,
      owner: other.user,
      deal: open,
      type: "task",
      dueAt: at("2099-01-01T09:00:00Z"),
    });
    const health = (path: Client) => path.get(`/api/v1/reports/health?pipelineId=${pipelineId}`);
    expect((await health(s.client)).json().counts.no_next_activity).toBe(1);
    expect((await health(admin.client)).json().counts.no_next_activity).toBe(0);

    // S's won deal that came from team B's trade-show lead: S sees the revenue, not the lead's source.
    const hidden = await buildLead(db, { team: teamB, owner: other.user, source: "trade_show" });
    await buildDeal(db, {
      ...mine,
      stage: gate[0],
      title: "G2",
      status: "won",
      closedAt: new Date(),
      amount: "1000.00",
      sourceLeadId: hidden.id,
    });
    const bySource = async (c: Client, more = "") =>
      (await c.get(`/api/v1/reports/pipeline?pipelineId=${pipelineId}&timeZone=UTC${more}`)).json();
    const theirs = await bySource(s.client);
    expect(theirs.wonRevenueBySource.map((r: { source: string | null }) => r.source)).toEqual([null]);
    expect(theirs.won.count).toBe(1);
    expect((await bySource(admin.client)).wonRevenueBySource[0].source).toBe("trade_show");
    // Nor can S find the hidden source by filtering for it.
    expect((await bySource(s.client, "&source=trade_show")).won.count).toBe(0);
    expect((await bySource(admin.client, "&source=trade_show")).won.count).toBe(1);
  });
});
