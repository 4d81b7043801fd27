import { forecastBucket } from "@domain/reports/forecast";
import { type FunnelLead, funnelOf } from "@domain/reports/funnel";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { buildDeal, buildLead, buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "./report-period";

/*
 * The report SQL against a brute-force recount (#18): random leads and deals of a fresh team, then the
 * endpoint's figures must equal what the domain's one-lead-at-a-time definitions compute.
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

const START = Date.parse("2026-01-01T00:00:00Z");
const HOUR = 3_600_000;
/** An offset in hours from the previous stamp, or none (the step was skipped or not reached). */
const gap = fc.option(fc.integer({ min: 0, max: 24 * 40 }), { nil: null });
const randomLead = fc.record({
  createdHours: fc.integer({ min: 0, max: 24 * 80 }),
  mql: gap,
  sal: gap,
  sql: gap,
  converted: gap,
  won: fc.option(fc.integer({ min: 0, max: 24 * 40 }), { nil: null }),
});
type RandomLead = typeof randomLead extends fc.Arbitrary<infer T> ? T : never;

/** Stamps in order: each one set lies after the one before it (as the lifecycle keeps them). */
function stampsOf(r: RandomLead): FunnelLead {
  let at = START + r.createdHours * HOUR;
  const created = new Date(at);
  const next = (hours: number | null) => {
    if (hours === null) return null;
    at += hours * HOUR;
    return new Date(at);
  };
  const mqlAt = next(r.mql);
  const salAt = next(r.sal);
  const sqlAt = next(r.sql);
  const convertedAt = next(r.converted);
  const wonAt = convertedAt ? next(r.won) : null;
  return { createdAt: created, malAt: created, mqlAt, salAt, sqlAt, convertedAt, wonAt };
}

describe("report aggregates against a brute-force recount", () => {
  it("the funnel's counts, rates and medians equal the per-lead definition", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomLead, { minLength: 1, maxLength: 25 }), async (randoms) => {
        const db = t.database.db;
        const team = await buildTeam(db);
        const funnelLeads = randoms.map(stampsOf);
        for (const lead of funnelLeads) {
          const deal = lead.convertedAt
            ? await buildDeal(db, {
                team,
                stage: stages[0],
                status: lead.wonAt ? "won" : "open",
                closedAt: lead.wonAt,
              })
            : null;
          await buildLead(db, {
            team,
            owner: null,
            status: lead.convertedAt ? "converted" : "new",
            createdAt: lead.createdAt,
            malAt: lead.malAt,
            mqlAt: lead.mqlAt,
            salAt: lead.salAt,
            sqlAt: lead.sqlAt,
            convertedAt: lead.convertedAt,
            convertedDealId: deal?.id ?? null,
          });
        }
        const res = await admin.get(
          `/api/v1/reports/funnel?from=2025-12-01&to=2026-12-31&timeZone=UTC&teamId=${team.id}`,
        );
        expect(res.statusCode).toBe(200);
        expect(res.json().steps).toEqual(funnelOf(funnelLeads));
      }),
      { numRuns: 12 },
    );
  });

  it("the forecast's buckets count and sum every open deal once, in the bucket of its close date", async () => {
    const today = todayIn("UTC");
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const randomDeal = fc.record({
      close: fc.option(fc.integer({ min: -90, max: 300 }), { nil: null }),
      cents: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
      stage: fc.integer({ min: 0, max: 3 }),
      override: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      status: fc.constantFrom("open", "open", "open", "won", "lost"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(randomDeal, { minLength: 1, maxLength: 20 }), async (randoms) => {
        const db = t.database.db;
        const team = await buildTeam(db);
        const expected = new Map<string, { count: number; cents: bigint; weighted: bigint }>();
        for (const r of randoms) {
          const stage = stages[r.stage] ?? stages[0];
          const closeDate = r.close === null ? null : day(r.close);
          await buildDeal(db, {
            team,
            stage,
            status: r.status,
            closedAt: r.status === "open" ? null : new Date(),
            expectedCloseDate: closeDate,
            amount: r.cents === null ? null : (r.cents / 100).toFixed(2),
            probability: r.override,
          });
          if (r.status !== "open") continue;
          const key = forecastBucket(closeDate, today);
          const e = expected.get(key) ?? { count: 0, cents: 0n, weighted: 0n };
          e.count += 1;
          if (r.cents !== null) {
            e.cents += BigInt(r.cents);
            e.weighted += BigInt(r.cents) * BigInt(r.override ?? stage?.probability ?? 0);
          }
          expected.set(key, e);
        }
        const body = (await admin.get(`/api/v1/reports/forecast?timeZone=UTC&teamId=${team.id}`)).json();
        for (const bucket of body.buckets as {
          key: string;
          count: number;
          sum: { amount: string }[];
          weightedSum: { amount: string }[];
        }[]) {
          const e = expected.get(bucket.key);
          expect(bucket.count).toBe(e?.count ?? 0);
          const sum = bucket.sum[0]?.amount ?? null;
          const hasAmount = randoms.some(
            (r) =>
              r.status === "open" &&
              r.cents !== null &&
              forecastBucket(r.close === null ? null : day(r.close), today) === bucket.key,
          );
          expect(sum).toBe(hasAmount ? (Number(e?.cents ?? 0n) / 100).toFixed(2) : null);
          if (hasAmount) {
            // Weighted in cents × percent, rounded half away from zero to cents once per bucket.
            const w = e?.weighted ?? 0n;
            const rounded = (w + 50n) / 100n;
            expect(bucket.weightedSum[0]?.amount).toBe((Number(rounded) / 100).toFixed(2));
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});
