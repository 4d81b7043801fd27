import { scopeFor } from "@domain/access-policy";
import { FUNNEL_STEPS, type FunnelStep, funnelFigures } from "@domain/reports/funnel";
import { authorize } from "@server/access/authorize";
import { leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { leadFunnelDays, leads } from "@server/db/schema";
import type { FunnelQuery, FunnelReport, ReportQuery } from "@shared/schemas/report";
import dayjs from "dayjs";
import { eq, type SQL, sql } from "drizzle-orm";
import * as agg from "./funnel-aggregate.repository";
import * as repo from "./report.repository";
import { type Period, periodAnswer, reportPeriod, startOfDay } from "./report-period";

type Filters = Pick<ReportQuery, "teamId" | "ownerId" | "source">;

/**
 * Up to this many leads in the period the medians are exact (every lead sorted once per step, cheap
 * at this size); above it they come from the 1-in-16 sample of leads_funnel_sample_idx, at least
 * ~300 leads, which puts the sample median within a few percent of ranks of the true one. A histogram
 * per aggregate row was the other way: at the aggregate's grain (day × team × owner × source) a row
 * holds a handful of leads, so the histograms would not compress and be as large as the leads.
 */
export const EXACT_MEDIAN_LEADS = 5_000;

/** The reader's gate and the filters on the leads table. */
export function leadWhere(ctx: ServiceContext, f: Filters): SQL[] {
  const where: SQL[] = [leadVisibility(ctx)];
  if (f.teamId) where.push(eq(leads.teamId, f.teamId));
  if (f.ownerId) where.push(eq(leads.ownerId, f.ownerId));
  if (f.source) where.push(eq(leads.source, f.source));
  return where;
}

/** The filters on the aggregate's columns. */
function aggregateFilters(f: Filters): SQL[] {
  const where: SQL[] = [];
  if (f.teamId) where.push(eq(leadFunnelDays.teamId, f.teamId));
  if (f.ownerId) where.push(eq(leadFunnelDays.ownerId, f.ownerId));
  if (f.source) where.push(eq(leadFunnelDays.source, f.source));
  return where;
}

/**
 * The aggregate's rows the reader may count, as disjoint parts, each read from the rollup over owners
 * (lead_funnel_team_days) where the part names no owner. Everyone's leads: one rolled-up part. A
 * salesperson's (their own or their team's): their team's leads rolled up, plus their own leads
 * outside the team per owner (a few, as a rule; lead_funnel_days_owner_team_idx) — at 1M leads the gate `owner = me or team = T` on
 * lead_funnel_days read 3,306 buffers for a year. Otherwise the gate on lead_funnel_days.
 */
function aggregateParts(ctx: ServiceContext, f: Filters, byOwner: boolean) {
  const filters = aggregateFilters(f);
  const scope = scopeFor(ctx.actor, "lead");
  const { teamId } = ctx.actor;
  if (f.ownerId || byOwner) return [{ where: [agg.aggregateGate(ctx.actor), ...filters], coarse: false }];
  if (scope === "all") return [{ where: filters, coarse: true }];
  if (scope === "team" && teamId) {
    return [
      { where: [eq(leadFunnelDays.teamId, teamId), ...filters], coarse: true },
      {
        where: [
          eq(leadFunnelDays.ownerId, ctx.actor.id),
          // Not in the team, as three ranges of lead_funnel_days_owner_team_idx.
          sql`(${leadFunnelDays.teamId} < ${teamId} or ${leadFunnelDays.teamId} > ${teamId} or ${leadFunnelDays.teamId} is null)`,
          ...filters,
        ],
        coarse: false,
      },
    ];
  }
  return [{ where: [agg.aggregateGate(ctx.actor), ...filters], coarse: false }];
}

/** Where a cohort table by period changes group: the start of every month in the zone. */
function monthStarts(period: Period): Date[] {
  const starts: Date[] = [];
  for (
    let m = dayjs(period.from).startOf("month").add(1, "month");
    m.format("YYYY-MM-DD") <= period.to;
    m = m.add(1, "month")
  )
    starts.push(startOfDay(m.format("YYYY-MM-DD"), period.timeZone));
  return starts;
}

/** Step counts over the period: the aggregate's whole days plus the split days' leads, or the leads. */
async function funnelCounts(
  ctx: ServiceContext,
  filters: Filters,
  period: Period,
  group: {
    leads: SQL;
    aggregate: SQL | null;
    /** The aggregate's key drawn on the leads: their UTC day's (aggregateGroupKey), not their own. */
    dayKey: SQL;
    boundaries: Date[];
    byPeriod: boolean;
    byOwner: boolean;
  } | null,
): Promise<agg.CountRow[]> {
  const parts = aggregateParts(ctx, filters, Boolean(group?.byOwner));
  const exactWhere = leadWhere(ctx, filters);
  const whole = [{ startsAt: period.startsAt, endsBefore: period.endsBefore }];
  if (group && !group.aggregate) {
    return repo.funnelRows(ctx.db, {
      where: exactWhere,
      ranges: whole,
      groupKey: group?.leads ?? null,
      medians: false,
    });
  }
  const split = agg.splitPeriod(period.startsAt, period.endsBefore, group?.boundaries ?? []);
  const days = split.days;
  const [fromDays, fromLeads, movedOut] = await Promise.all([
    days
      ? Promise.all(
          parts.map((part) =>
            agg.aggregateCounts(ctx.db, {
              days,
              where: part.where,
              groupKey: group?.aggregate ?? null,
              perDay: !group || group.byPeriod,
              coarse: part.coarse,
            }),
          ),
        ).then((rows) => rows.flat())
      : Promise.resolve([]),
    repo.funnelRows(ctx.db, {
      where: exactWhere,
      ranges: split.exact,
      groupKey: group?.leads ?? null,
      medians: false,
    }),
    // What the aggregate's days counted past their first boundary, under the day's key: taken off.
    repo.funnelRows(ctx.db, {
      where: exactWhere,
      ranges: split.moved,
      groupKey: group?.dayKey ?? null,
      medians: false,
    }),
  ]);
  const negated = movedOut.map((row) => ({
    key: row.key,
    counts: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, -row.counts[s]])) as Record<FunnelStep, number>,
  }));
  return agg.mergeCounts(fromDays, fromLeads, negated);
}

const noCounts = () => Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>;

/**
 * The funnel's steps: counts from the aggregate (or `known`, counted by the caller), medians exact or
 * from the sample (EXACT_MEDIAN_LEADS).
 */
export async function funnelSteps(
  ctx: ServiceContext,
  filters: Filters,
  period: Period,
  known?: Record<FunnelStep, number>,
) {
  const counts = known ?? (await funnelCounts(ctx, filters, period, null))[0]?.counts ?? noCounts();
  const whole = [{ startsAt: period.startsAt, endsBefore: period.endsBefore }];
  const where = leadWhere(ctx, filters);
  const none = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, null])) as Record<FunnelStep, number | null>;
  if (counts.mal === 0) return funnelFigures(counts, none);
  const [withMedians] = await repo.funnelRows(ctx.db, {
    where: counts.mal > EXACT_MEDIAN_LEADS ? [...where, repo.funnelSample] : where,
    ranges: whole,
    groupKey: null,
  });
  return funnelFigures(counts, withMedians?.medians ?? none);
}

export async function funnelReport(ctx: ServiceContext, query: FunnelQuery): Promise<FunnelReport> {
  authorize(ctx, "report.read");
  const period = reportPeriod(query);
  const byPeriod = query.groupBy === "month" || query.groupBy === "quarter" || query.groupBy === "year";
  const rows = await funnelCounts(ctx, query, period, {
    leads: repo.funnelGroupKey(query.groupBy, query.timeZone),
    aggregate: agg.aggregateGroupKey(query.groupBy, query.timeZone),
    dayKey: repo.funnelDayKey(query.groupBy, query.timeZone),
    boundaries: byPeriod ? monthStarts(period) : [],
    byPeriod,
    byOwner: query.groupBy === "owner",
  });
  // Every key (a period, source, owner or team, null included) puts each lead of the period in exactly
  // one group, so the groups add up to the funnel's total: not read a second time from the aggregate
  // and the split days' leads (#18: that second read was half the funnel's statements).
  const total = noCounts();
  for (const row of rows) for (const s of FUNNEL_STEPS) total[s] += row.counts[s];
  const steps = await funnelSteps(ctx, query, period, total);
  const kind = query.groupBy === "owner" || query.groupBy === "team" ? query.groupBy : null;
  const names = kind
    ? await repo.namesOf(
        ctx.db,
        kind,
        rows.flatMap((r) => (r.key ? [r.key] : [])),
      )
    : new Map<string, string>();
  return {
    period: periodAnswer(period),
    steps,
    groupBy: query.groupBy,
    groups: rows.map((r) => ({
      key: r.key,
      label: r.key ? (names.get(r.key) ?? r.key) : null,
      counts: r.counts,
    })),
  };
}
