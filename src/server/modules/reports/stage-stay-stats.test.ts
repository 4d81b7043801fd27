import { dealStageHistory, deals, stageStayScopeStats, stageStayStats } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { buildDeal, buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { and, eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recountStageStays } from "./stage-stay-stats.repository";

/*
 * stage_stay_stats (#18) against a brute-force percentile over the stage history: after stays are
 * added, deals move on and deals are deleted, the job's recount equals percentile_cont computed here.
 */
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
  const teams = [await buildTeam(t.database.db), await buildTeam(t.database.db)];
  const owners = [];
  for (const team of teams) owners.push((await buildUser(t.database.db, { role: "sales", team })).id);
  people = { owners, teams: teams.map((team) => team.id) };
});
afterAll(() => t.close());

const START = Date.parse("2026-01-01T00:00:00Z");
const HOUR = 3_600_000;

/** percentile_cont: linear interpolation between the two closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const low = sorted[lo] ?? 0;
  return low + (rank - lo) * ((sorted[hi] ?? low) - low);
}

interface Stay {
  dealId: string;
  stageId: string;
  days: number;
}

/** Two owners and two teams the property's deals are spread over (or none of them). */
let people: { owners: string[]; teams: string[] };

async function addStay(dealId: string, stage: StageRow, enteredHours: number, hours: number): Promise<Stay> {
  const enteredAt = new Date(START + enteredHours * HOUR);
  await t.database.db
    .insert(dealStageHistory)
    .values({ dealId, stageId: stage.id, enteredAt, leftAt: new Date(enteredAt.getTime() + hours * HOUR) });
  return { dealId, stageId: stage.id, days: hours / 24 };
}

async function tableFor(stageIds: string[]) {
  return t.database.db
    .select({
      stageId: stageStayStats.stageId,
      stays: stageStayStats.stays,
      median: stageStayStats.medianDays,
      p75: stageStayStats.p75Days,
    })
    .from(stageStayStats)
    .where(inArray(stageStayStats.stageId, stageIds));
}

async function scopeTableFor(stageIds: string[], scope: "owner" | "team", scopeId: string) {
  return t.database.db
    .select({
      stageId: stageStayScopeStats.stageId,
      stays: stageStayScopeStats.stays,
      median: stageStayScopeStats.medianDays,
      p75: stageStayScopeStats.p75Days,
    })
    .from(stageStayScopeStats)
    .where(
      and(
        eq(stageStayScopeStats.scope, scope),
        eq(stageStayScopeStats.scopeId, scopeId),
        inArray(stageStayScopeStats.stageId, stageIds),
      ),
    );
}

function expectTableEquals(
  table: Awaited<ReturnType<typeof tableFor>>,
  stages: StageRow[],
  stays: Stay[],
  gone: Set<string>,
) {
  for (const stage of stages) {
    const days = stays.filter((s) => s.stageId === stage.id && !gone.has(s.dealId)).map((s) => s.days);
    const row = table.find((r) => r.stageId === stage.id);
    expect(row?.stays ?? 0).toBe(days.length);
    const median = percentile(days, 0.5);
    const p75 = percentile(days, 0.75);
    if (median === null) expect(row?.median ?? null).toBeNull();
    else expect(row?.median).toBeCloseTo(median, 9);
    if (p75 === null) expect(row?.p75 ?? null).toBeNull();
    else expect(row?.p75).toBeCloseTo(p75, 9);
  }
}

const randomStay = fc.record({
  stage: fc.integer({ min: 0, max: 3 }),
  entered: fc.integer({ min: 0, max: 24 * 60 }),
  hours: fc.integer({ min: 0, max: 24 * 30 }),
});
const randomDeal = fc.record({
  stays: fc.array(randomStay, { maxLength: 4 }),
  /** Moved on after the first count: one more finished stay. */
  moves: fc.option(randomStay, { nil: null }),
  end: fc.constantFrom("kept", "kept", "softDeleted", "hardDeleted"),
  /** Index into people.owners / people.teams; 2: none. */
  owner: fc.integer({ min: 0, max: 2 }),
  team: fc.integer({ min: 0, max: 2 }),
});

describe("stage_stay_stats", () => {
  it("equals a brute-force percentile over the history after inserts, moves and deletes, for all, each owner and each team", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomDeal, { minLength: 1, maxLength: 12 }), async (randoms) => {
        const db = t.database.db;
        const { stages } = await buildPipeline(db);
        const at = (i: number) => stages[i] ?? stages[0];
        const stays: Stay[] = [];
        const built: string[] = [];
        const dealScopes = new Map<string, { owner: string | null; team: string | null }>();
        // Each owner's and each team's rows equal the percentile over their deals' stays alone.
        const expectScopesEqual = async (gone: Set<string>) => {
          const ids = stages.map((s) => s.id);
          for (const [scope, list] of [
            ["owner", people.owners],
            ["team", people.teams],
          ] as const) {
            for (const id of list) {
              const theirs = stays.filter((s) => dealScopes.get(s.dealId)?.[scope] === id);
              expectTableEquals(await scopeTableFor(ids, scope, id), stages, theirs, gone);
            }
          }
        };
        for (const r of randoms) {
          const first = at(0);
          if (!first) throw new Error("the pipeline has no stages");
          // The factory's open stay (left_at null) counts in no figure.
          const deal = await buildDeal(db, {
            stage: first,
            ownerId: people.owners[r.owner] ?? null,
            teamId: people.teams[r.team] ?? null,
          });
          dealScopes.set(deal.id, {
            owner: people.owners[r.owner] ?? null,
            team: people.teams[r.team] ?? null,
          });
          built.push(deal.id);
          for (const s of r.stays) {
            const stage = at(s.stage);
            if (stage) stays.push(await addStay(deal.id, stage, s.entered, s.hours));
          }
        }
        const gone = new Set<string>();
        await recountStageStays(db, new Date());
        expectTableEquals(await tableFor(stages.map((s) => s.id)), stages, stays, gone);
        await expectScopesEqual(gone);

        for (const [i, r] of randoms.entries()) {
          const dealId = built[i];
          if (!dealId) continue;
          const stage = r.moves ? at(r.moves.stage) : undefined;
          if (r.moves && stage) stays.push(await addStay(dealId, stage, r.moves.entered, r.moves.hours));
          if (r.end === "softDeleted") {
            await db.update(deals).set({ deletedAt: new Date() }).where(eq(deals.id, dealId));
            gone.add(dealId);
          } else if (r.end === "hardDeleted") {
            await db.execute(sql`delete from deal_contacts where deal_id = ${dealId}`);
            await db.delete(deals).where(eq(deals.id, dealId));
            gone.add(dealId);
          }
        }
        await recountStageStays(db, new Date());
        expectTableEquals(await tableFor(stages.map((s) => s.id)), stages, stays, gone);
        await expectScopesEqual(gone);
      }),
      { numRuns: 8 },
    );
  });

  it("serves the pipeline report and the board of an all-seeing reader until the next count; filters count live", async () => {
    const db = t.database.db;
    const team = await buildTeam(db);
    const { pipeline, stages } = await buildPipeline(db);
    const stage = stages[1];
    if (!stage) throw new Error("the pipeline has too few stages");
    const ids = [];
    for (const days of [2, 4, 6]) {
      const deal = await buildDeal(db, { team, stage });
      ids.push(deal.id);
      await addStay(deal.id, stage, 0, days * 24);
    }
    const figures = async (query: string) => {
      const res = await admin.get(`/api/v1/reports/pipeline?pipelineId=${pipeline.id}${query}`);
      expect(res.statusCode).toBe(200);
      const column = res.json().stages.find((s: { stageId: string }) => s.stageId === stage.id);
      return [column.medianDaysInStage, column.p75DaysInStage];
    };
    const boardMedian = async () => {
      const res = await admin.get(`/api/v1/pipelines/${pipeline.id}/board`);
      return res.json().columns.find((c: { stage: { id: string } }) => c.stage.id === stage.id)
        .medianDaysInStage;
    };
    // Not counted yet: live.
    expect(await figures("")).toEqual([4, 5]);
    await recountStageStays(db, new Date());
    for (const id of ids) await addStay(id, stage, 0, 20 * 24);
    // Counted before the new stays: the table's figures, until the job runs again.
    expect(await figures("")).toEqual([4, 5]);
    expect(await boardMedian()).toBe(4);
    // A team filter narrows the deals: counted live over them, so already current.
    expect(await figures(`&teamId=${team.id}`)).toEqual([13, 20]);
    await recountStageStays(db, new Date());
    expect(await figures("")).toEqual([13, 20]);
    expect(await boardMedian()).toBe(13);
  });

  it("serves a salesperson's figures from their team's rows, live while they own deals outside the team", async () => {
    const db = t.database.db;
    const team = await buildTeam(db);
    const sales = await signedIn(t, "sales", team);
    const { pipeline, stages } = await buildPipeline(db);
    const stage = stages[1];
    if (!stage) throw new Error("the pipeline has too few stages");
    const ids = [];
    for (const days of [2, 4, 6]) {
      const deal = await buildDeal(db, { team, stage });
      ids.push(deal.id);
      await addStay(deal.id, stage, 0, days * 24);
    }
    // Another team's stays never count in the salesperson's figures.
    const elsewhere = await buildDeal(db, { stage });
    await addStay(elsewhere.id, stage, 0, 90 * 24);
    const figures = async () => {
      const res = await sales.client.get(`/api/v1/reports/pipeline?pipelineId=${pipeline.id}`);
      expect(res.statusCode).toBe(200);
      const column = res.json().stages.find((s: { stageId: string }) => s.stageId === stage.id);
      return [column.medianDaysInStage, column.p75DaysInStage];
    };
    expect(await figures()).toEqual([4, 5]);
    await recountStageStays(db, new Date());
    for (const id of ids) await addStay(id, stage, 0, 20 * 24);
    // Counted before the new stays: the team's row, until the job runs again.
    expect(await figures()).toEqual([4, 5]);
    // A deal of theirs outside the team: the gate is then two scopes, counted live (and so current).
    const own = await buildDeal(db, { stage, ownerId: sales.user.id, teamId: null });
    await addStay(own.id, stage, 0, 20 * 24);
    expect(await figures()).toEqual([20, 20]);
  });
});
