import { FUNNEL_STEPS, type FunnelLead, funnelOf, stepTimes } from "@domain/reports/funnel";
import { deals, leadFunnelDays, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { buildDeal, buildLead, buildPipeline, leadValues, type StageRow } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * lead_funnel_days (kept by triggers) against a brute-force recount of the leads (#18): random leads,
 * then random changes as the app makes them — owner and team changes, lifecycle stamps, deletes and
 * restores, deals won, reopened and deleted — and after each run every aggregate row must equal the
 * per-lead count, and the funnel endpoint in Berlin (whole UTC days from the aggregate, the split
 * edge days from the leads) must equal the per-lead definition.
 */
let t: TestApp;
let admin: Client;
let stages: StageRow[];
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
  stages = (await buildPipeline(t.database.db, { isDefault: true })).stages;
});
afterAll(() => t.close());

const START = Date.parse("2026-03-01T00:00:00Z");
const HOUR = 3_600_000;
const SOURCES = ["web_form", "email", "manual"] as const;

const randomLead = fc.record({
  // Often beside a boundary in Berlin: April starts at 22:00 UTC on 31 March (hour 742), the period
  // ends at 22:00 UTC on 30 April (hour 1438); the aggregate counts the hours after either under the
  // UTC day's key, and the report moves them.
  createdHours: fc.oneof(
    fc.integer({ min: 0, max: 24 * 60 }),
    fc.constantFrom(741, 742, 743, 1437, 1438, 1439),
  ),
  mql: fc.option(fc.integer({ min: 0, max: 24 * 20 }), { nil: null }),
  sql: fc.option(fc.integer({ min: 0, max: 24 * 20 }), { nil: null }),
  converted: fc.option(fc.integer({ min: 0, max: 24 * 20 }), { nil: null }),
  won: fc.boolean(),
  owner: fc.integer({ min: 0, max: 2 }),
  source: fc.constantFrom(...SOURCES),
});
const change = fc.record({
  lead: fc.nat(),
  kind: fc.constantFrom("owner", "team", "stage", "delete", "restore", "win", "reopen", "deleteDeal"),
  to: fc.integer({ min: 0, max: 2 }),
});

/** Every live lead of the teams, as the funnel reads it, by the aggregate's key. */
async function recount(teamIds: string[]) {
  const db = t.database.db;
  const rows = await db
    .select({
      createdAt: leads.createdAt,
      teamId: leads.teamId,
      ownerId: leads.ownerId,
      source: leads.source,
      malAt: leads.malAt,
      mqlAt: leads.mqlAt,
      salAt: leads.salAt,
      sqlAt: leads.sqlAt,
      convertedAt: leads.convertedAt,
      wonAt:
        sql<Date | null>`(select ${deals.closedAt} from ${deals} where ${deals.id} = ${leads.convertedDealId} and ${deals.status} = 'won' and ${deals.deletedAt} is null)`.mapWith(
          (v) => (v === null ? null : new Date(v)),
        ),
    })
    .from(leads)
    .where(sql`${inArray(leads.teamId, teamIds)} and ${leads.deletedAt} is null`);
  const expected = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const key = [r.createdAt.toISOString().slice(0, 10), r.teamId, r.ownerId, r.source].join("|");
    const counts = expected.get(key) ?? Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0]));
    const times = stepTimes(r);
    for (const s of FUNNEL_STEPS) if (times[s]) counts[s] = (counts[s] ?? 0) + 1;
    expected.set(key, counts);
  }
  return { expected, rows };
}

/** The aggregate's rows of the teams equal the per-lead recount, and none is negative. */
async function expectAggregateEqualsRecount(teamIds: string[]) {
  const { expected, rows } = await recount(teamIds);
  const stored = await t.database.db
    .select()
    .from(leadFunnelDays)
    .where(inArray(leadFunnelDays.teamId, teamIds));
  const actual = new Map(
    stored
      .filter((r) => r.mal !== 0)
      .map((r) => [
        [r.day, r.teamId, r.ownerId, r.source].join("|"),
        { mal: r.mal, mql: r.mql, sal: r.sal, sql: r.sql, converted: r.converted, won: r.won },
      ]),
  );
  expect(actual).toEqual(expected);
  // No row counts a step more often than MAL (a deleted lead leaves zeros, never negatives).
  for (const r of stored)
    expect(Math.min(r.mal, r.mql, r.sal, r.sql, r.converted, r.won)).toBeGreaterThanOrEqual(0);
  return { expected, rows };
}

describe("lead_funnel_days against a brute-force recount", () => {
  it("equals the per-lead counts after creates, owner, team and lifecycle changes, deletes and deal outcomes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomLead, { minLength: 1, maxLength: 12 }),
        fc.array(change, { maxLength: 12 }),
        async (randoms, changes) => {
          const db = t.database.db;
          const [teamA, teamB] = [await buildTeam(db), await buildTeam(db)];
          const owners = [await buildUser(db, { team: teamA }), await buildUser(db, { team: teamA }), null];
          const made: { id: string; dealId: string | null }[] = [];
          for (const r of randoms) {
            let at = START + r.createdHours * HOUR;
            const createdAt = new Date(at);
            const next = (hours: number | null) => {
              if (hours === null) return null;
              at += hours * HOUR;
              return new Date(at);
            };
            const mqlAt = next(r.mql);
            const sqlAt = next(r.sql);
            const convertedAt = next(r.converted);
            const wonAt = convertedAt && r.won ? next(24) : null;
            const deal = convertedAt
              ? await buildDeal(db, {
                  team: teamA,
                  stage: stages[0],
                  status: wonAt ? "won" : "open",
                  closedAt: wonAt,
                })
              : null;
            const lead = await buildLead(db, {
              team: teamA,
              owner: owners[r.owner] ?? null,
              source: r.source,
              status: convertedAt ? "converted" : "new",
              createdAt,
              malAt: createdAt,
              mqlAt,
              sqlAt,
              convertedAt,
              convertedDealId: deal?.id ?? null,
            });
            made.push({ id: lead.id, dealId: deal?.id ?? null });
          }
          for (const c of changes) {
            const target = made[c.lead % made.length];
            if (!target) continue;
            const now = new Date(START + 70 * 24 * HOUR);
            switch (c.kind) {
              case "owner":
                await db
                  .update(leads)
                  .set({ ownerId: owners[c.to]?.id ?? null })
                  .where(eq(leads.id, target.id));
                break;
              case "team":
                await db
                  .update(leads)
                  .set({ teamId: c.to === 0 ? teamA.id : teamB.id })
                  .where(eq(leads.id, target.id));
                break;
              case "stage":
                await db
                  .update(leads)
                  .set({ salAt: now, sqlAt: c.to === 0 ? null : now })
                  .where(eq(leads.id, target.id));
                break;
              case "delete":
                await db.update(leads).set({ deletedAt: now }).where(eq(leads.id, target.id));
                break;
              case "restore":
                await db.update(leads).set({ deletedAt: null }).where(eq(leads.id, target.id));
                break;
              case "win":
              case "reopen":
              case "deleteDeal":
                if (!target.dealId) break;
                await db
                  .update(deals)
                  .set(
                    c.kind === "win"
                      ? { status: "won", closedAt: now }
                      : c.kind === "reopen"
                        ? { status: "open", closedAt: null }
                        : { deletedAt: now },
                  )
                  .where(eq(deals.id, target.dealId));
                break;
            }
          }
          const { rows } = await expectAggregateEqualsRecount([teamA.id, teamB.id]);

          // The endpoint in Berlin, where March starts at 23:00 UTC on 28 February: aggregate plus edges.
          const res = await admin.get(
            `/api/v1/reports/funnel?from=2026-03-01&to=2026-04-30&timeZone=Europe/Berlin&teamId=${teamA.id}`,
          );
          expect(res.statusCode).toBe(200);
          const inPeriod: FunnelLead[] = rows.filter(
            (r) =>
              r.teamId === teamA.id &&
              r.createdAt >= new Date("2026-02-28T23:00:00Z") &&
              r.createdAt < new Date("2026-04-30T22:00:00Z"),
          );
          expect(res.json().steps.map((s: { count: number }) => s.count)).toEqual(
            funnelOf(inPeriod).map((s) => s.count),
          );
          // The steps are the sum of the groups whatever the key: the same under another groupBy.
          const groupBy = ["source", "owner", "team", "quarter", "year"][run++ % 5];
          const other = await admin.get(
            `/api/v1/reports/funnel?from=2026-03-01&to=2026-04-30&timeZone=Europe/Berlin&teamId=${teamA.id}&groupBy=${groupBy}`,
          );
          expect(other.statusCode).toBe(200);
          expect(other.json().steps).toEqual(res.json().steps);
        },
      ),
      { numRuns: 10 },
    );
  });
  it("equals the per-lead counts after statements of many rows (the statement-level triggers)", async () => {
    const db = t.database.db;
    const [teamA, teamB] = [await buildTeam(db), await buildTeam(db)];
    const owners = [await buildUser(db, { team: teamA }), await buildUser(db, { team: teamA })];
    const teams = [teamA.id, teamB.id];
    const won = await buildDeal(db, {
      team: teamA,
      stage: stages[0],
      status: "won",
      closedAt: new Date(START + 40 * 24 * HOUR),
    });
    const open = await buildDeal(db, { team: teamA, stage: stages[0] });
    // One INSERT of 240 leads over three days: many leads share a counter row (day, team, owner, source).
    const values = Array.from({ length: 240 }, (_, i) => {
      const createdAt = new Date(START + (i % 3) * 24 * HOUR + i * 60_000);
      const later = (hours: number) => new Date(createdAt.getTime() + hours * HOUR);
      const converted = i % 7 === 0;
      return leadValues({
        teamId: teamA.id,
        ownerId: i % 5 === 0 ? null : (owners[i % 2]?.id ?? null),
        source: SOURCES[i % SOURCES.length],
        status: converted ? "converted" : "new",
        createdAt,
        malAt: createdAt,
        mqlAt: i % 2 === 0 ? later(2) : null,
        sqlAt: i % 4 === 0 ? later(5) : null,
        convertedAt: converted ? later(9) : null,
        convertedDealId: converted ? (i % 14 === 0 ? won.id : open.id) : null,
        // Leads born deleted (an import of archived rows) count nowhere.
        deletedAt: i % 60 === 59 ? later(1) : null,
      });
    });
    await db.insert(leads).values(values);
    await expectAggregateEqualsRecount(teams);

    const inTeams = inArray(leads.teamId, teams);
    const step = async (write: () => Promise<unknown>) => {
      await write();
      await expectAggregateEqualsRecount(teams);
    };
    const now = new Date(START + 50 * 24 * HOUR);
    // Moves: one owner's leads to the other, the email leads to team B.
    await step(() =>
      db
        .update(leads)
        .set({ ownerId: owners[1]?.id ?? null })
        .where(and(inTeams, eq(leads.ownerId, owners[0]?.id ?? ""))),
    );
    await step(() =>
      db
        .update(leads)
        .set({ teamId: teamB.id })
        .where(and(inTeams, eq(leads.source, "email"))),
    );
    // Lifecycle stamps set and cleared, and conversions into the won deal, each in one statement.
    await step(() =>
      db
        .update(leads)
        .set({
          salAt: now,
          sqlAt: sql`case when ${leads.sqlAt} is null then ${now.toISOString()}::timestamptz end`,
        })
        .where(and(inTeams, eq(leads.source, "manual"))),
    );
    await step(() =>
      db
        .update(leads)
        .set({ status: "converted", convertedAt: now, convertedDealId: won.id })
        .where(and(inTeams, eq(leads.source, "web_form"), isNull(leads.convertedDealId))),
    );
    // A column the funnel does not read changes nothing; the deals' outcomes move the won step.
    await step(() => db.update(leads).set({ interest: "anders" }).where(inTeams));
    await step(() => db.update(deals).set({ status: "lost", closedAt: now }).where(eq(deals.id, won.id)));
    await step(() => db.update(deals).set({ status: "won", closedAt: now }).where(eq(deals.id, open.id)));
    // Soft deletes and restores of many, then hard deletes (the erasure's path).
    await step(() =>
      db
        .update(leads)
        .set({ deletedAt: now })
        .where(
          and(inTeams, sql`${leads.createdAt} < ${new Date(START + 24 * HOUR).toISOString()}::timestamptz`),
        ),
    );
    await step(() =>
      db
        .update(leads)
        .set({ deletedAt: null })
        .where(and(inTeams, eq(leads.source, "manual"))),
    );
    await step(() => db.delete(leads).where(and(inTeams, eq(leads.ownerId, owners[1]?.id ?? ""))));
    const { rows } = await expectAggregateEqualsRecount(teams);
    expect(rows.length).toBeGreaterThan(0);
  });
});
