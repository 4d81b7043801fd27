import { scopeFor } from "@domain/access-policy";
import { columnTotals, fromCents, type MoneyAmount, toCents } from "@domain/deals/money";
import { LEAD_STATUSES } from "@domain/leads/lead-status";
import { can } from "@domain/policy/policy";
import { forecastMonths, monthRange } from "@domain/reports/forecast";
import { roundDays, roundRate } from "@domain/reports/funnel";
import { HEALTH_FLAGS, type HealthFlag, healthFlags } from "@domain/reports/health";
import { authorize } from "@server/access/authorize";
import { ownKeptWhere, ownWhere, visibleKeptWhere } from "@server/access/permission-gate";
import { dealVisibility, leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { decodeCursor, invalidCursor, toPage } from "@server/db/keyset";
import { activities, dealOpenTotals, deals, leads } from "@server/db/schema";
import { ruleViolation } from "@server/errors";
import { activityVisibility } from "@server/modules/activities/activity.service";
import type {
  Dashboard,
  ForecastQuery,
  ForecastReport,
  HealthQuery,
  HealthReport,
  PipelineReport,
  ReportQuery,
} from "@shared/schemas/report";
import { eq, exists, type SQL, sql } from "drizzle-orm";
import * as snapshots from "./forecast-snapshot.repository";
import { funnelSteps, leadWhere } from "./funnel-report.service";
import * as repo from "./report.repository";
import { monthOf, type Period, periodAnswer, reportPeriod, startOfDay, todayIn } from "./report-period";
import { allStagesCounted, readerStayScope, type StayScope, stageStays } from "./stage-stay-stats.repository";

/** The funnel lives in funnel-report.service.ts (the aggregate, #18); the routes find it here. */
export { funnelReport } from "./funnel-report.service";

type Filters = Pick<ReportQuery, "teamId" | "ownerId" | "source" | "pipelineId">;

/** The reader's gate and the filters on the deals table (source: the lead the deal came from). */
function dealWhere(ctx: ServiceContext, f: Filters): SQL[] {
  const where: SQL[] = [dealVisibility(ctx)];
  if (f.teamId) where.push(eq(deals.teamId, f.teamId));
  if (f.ownerId) where.push(eq(deals.ownerId, f.ownerId));
  if (f.pipelineId) where.push(eq(deals.pipelineId, f.pipelineId));
  if (f.source && everyLead(ctx)) {
    // The deal's copy of its live lead's source (deals.lead_source, kept by triggers): the same deals.
    where.push(eq(deals.leadSource, f.source));
  } else if (f.source) {
    where.push(
      exists(
        // Only through leads the reader may open: the source of a hidden lead is not theirs to filter by.
        sql`(select 1 from ${leads} where ${leads.id} = ${deals.sourceLeadId} and ${leads.source} = ${f.source} and ${leadVisibility(ctx)})`,
      ),
    );
  }
  return where;
}

/**
 * dealWhere on deal_open_totals (the open deals kept per owner, team, pipeline, stage, #18): the same
 * gate and filters on its columns, so a read of it sums exactly the deals dealWhere selects. null: a
 * filter the kept table has no column for (the lead's source), so the caller reads the deals.
 */
function keptDealWhere(ctx: ServiceContext, f: Filters): SQL[] | null {
  if (f.source) return null;
  const t = dealOpenTotals;
  const where: SQL[] = [visibleKeptWhere(ctx.actor, "deal", t)];
  if (f.teamId) where.push(eq(t.teamId, f.teamId));
  if (f.ownerId) where.push(eq(t.ownerId, f.ownerId));
  if (f.pipelineId) where.push(eq(t.pipelineId, f.pipelineId));
  return where;
}

/** Whether the reader may open every live lead (the lead gate is `deleted_at is null` alone). */
const everyLead = (ctx: ServiceContext) => scopeFor(ctx.actor, "lead") === "all";

/** The health flags' gates: the deals the reader sees, and the activities that count as "next". */
const healthGates = (ctx: ServiceContext) => ({
  deal: dealVisibility(ctx),
  activity: activityVisibility(ctx),
  everyActivity: scopeFor(ctx.actor, "activity") === "all",
});

/** The health flags' SQL, with the stage medians from stage_stay_stats where they are the reader's. */
async function healthFor(ctx: ServiceContext, today: string, now: Date) {
  const [scope, counted] = await Promise.all([readerStayScope(ctx.db, ctx.actor), allStagesCounted(ctx.db)]);
  return repo.healthSql(ctx.db, healthGates(ctx), today, now, counted ? scope : null);
}

/** A filter besides the gate (the pipeline only picks the stages, whose stays are their own). */
const narrows = (f: Filters) => Boolean(f.teamId || f.ownerId || f.source);

/** Sums per currency from rows the database summed (only rows with an amount). */
function sums(rows: { currency: string | null; sum: string; withAmount: number }[]): MoneyAmount[] {
  const totals = new Map<string, bigint>();
  for (const r of rows) {
    if (r.currency === null || r.withAmount === 0) continue;
    totals.set(r.currency, (totals.get(r.currency) ?? 0n) + toCents(r.sum));
  }
  return [...totals.keys()]
    .sort()
    .map((currency) => ({ amount: fromCents(totals.get(currency) ?? 0n), currency }));
}

// --- pipeline ------------------------------------------------------------------------------------

/**
 * `scope`: whose stays `where` selects (counted in advance); null: a filter narrows them, counted live.
 * `kept`: `where` on deal_open_totals (keptDealWhere), which then sums the open deals; null: read them.
 */
async function stageFigures(
  ctx: ServiceContext,
  pipelineId: string,
  where: SQL[],
  kept: SQL[] | null,
  scope: StayScope | null,
) {
  const open = kept
    ? await repo.openByStageKept(ctx.db, pipelineId, kept)
    : await repo.openByStage(ctx.db, pipelineId, where);
  const stageIds = [...new Set(open.map((r) => r.stageId))];
  const stays = await stageStays(ctx.db, { stageIds, where, scope });
  return stageIds.map((stageId) => {
    const rows = open.filter((r) => r.stageId === stageId);
    const first = rows[0];
    const money = columnTotals(
      rows.flatMap((r) => (r.currency !== null && r.withAmount > 0 ? [{ ...r, currency: r.currency }] : [])),
    );
    const stay = stays.find((s) => s.stageId === stageId);
    return {
      stageId,
      name: first?.name ?? "",
      probability: first?.probability ?? 0,
      count: rows.reduce((n, r) => n + r.count, 0),
      sum: money.sum,
      weightedSum: money.weightedSum,
      medianDaysInStage: roundDays(stay?.median ?? null),
      p75DaysInStage: roundDays(stay?.p75 ?? null),
    };
  });
}

export async function pipelineReport(ctx: ServiceContext, query: ReportQuery): Promise<PipelineReport> {
  authorize(ctx, "report.read");
  const period = reportPeriod(query);
  const pipelineId = await repo.pipelineIdFor(ctx.db, query.pipelineId);
  const where = dealWhere(ctx, query);
  const inPeriod = { where, startsAt: period.startsAt, endsBefore: period.endsBefore };
  const [stages, closed, cycle, reasons, bySource] = await Promise.all([
    pipelineId
      ? stageFigures(
          ctx,
          pipelineId,
          where,
          keptDealWhere(ctx, query),
          narrows(query) ? null : await readerStayScope(ctx.db, ctx.actor),
        )
      : Promise.resolve([]),
    repo.closedFigures(ctx.db, inPeriod),
    repo.salesCycleMedian(ctx.db, inPeriod),
    repo.lostReasons(ctx.db, inPeriod),
    repo.wonBySource(ctx.db, { ...inPeriod, leadGate: everyLead(ctx) ? null : leadVisibility(ctx) }),
  ]);
  const won = closed.filter((r) => r.status === "won");
  const wonCount = won.reduce((n, r) => n + r.count, 0);
  const lostCount = closed.filter((r) => r.status === "lost").reduce((n, r) => n + r.count, 0);
  const sources = [...new Set(bySource.map((r) => r.source))];
  return {
    period: periodAnswer(period),
    pipelineId,
    stages,
    won: { count: wonCount, sum: sums(won) },
    lost: { count: lostCount },
    winRate: wonCount + lostCount > 0 ? roundRate(wonCount / (wonCount + lostCount)) : null,
    averageDealSize: won
      .filter((r) => r.withAmount > 0 && r.average !== null)
      .map((r) => ({ amount: fromCents(toCents(r.average ?? "0")), currency: r.currency }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    salesCycleMedianDays: roundDays(cycle),
    lostReasons: reasons,
    wonRevenueBySource: sources
      .map((source) => {
        const rows = bySource.filter((r) => r.source === source);
        return {
          source: (source ?? null) as PipelineReport["wonRevenueBySource"][number]["source"],
          count: rows.reduce((n, r) => n + r.count, 0),
          sum: sums(rows),
        };
      })
      .sort((a, b) => b.count - a.count),
  };
}

// --- forecast ------------------------------------------------------------------------------------

async function forecastBuckets(ctx: ServiceContext, filters: Filters, today: string, snapshotDay?: string) {
  const months = forecastMonths(today);
  const last = months.at(-1) ?? today.slice(0, 7);
  const laterFrom = monthOf(`${last}-01`, "UTC", 1).from;
  const where = dealWhere(ctx, filters);
  const rows = snapshotDay
    ? await snapshots.snapshotForecastRows(ctx.db, { day: snapshotDay, where, today, laterFrom })
    : await (async () => {
        const kept = keptDealWhere(ctx, filters);
        return kept
          ? repo.forecastRowsKept(ctx.db, { kept, where, today, laterFrom })
          : repo.forecastRows(ctx.db, { where, today, laterFrom });
      })();
  const dayBefore = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const keys = ["overdue", ...months, "later", "none"];
  return keys.map((key) => {
    const of = rows.filter((r) => r.bucket === key);
    const money = columnTotals(of.filter((r) => r.withAmount > 0));
    const range =
      key === "overdue"
        ? { closeFrom: null, closeTo: dayBefore(today) }
        : key === "later"
          ? { closeFrom: laterFrom, closeTo: null }
          : key === "none"
            ? { closeFrom: null, closeTo: null }
            : (() => {
                const m = monthRange(key);
                // The current month's bucket starts today: earlier days of it are overdue.
                return { closeFrom: m.from < today ? today : m.from, closeTo: m.to };
              })();
    return {
      key,
      ...range,
      count: of.reduce((n, r) => n + r.count, 0),
      sum: money.sum,
      weightedSum: money.weightedSum,
    };
  });
}

const ACCURACY_MONTHS = 6;

export async function forecastReport(ctx: ServiceContext, query: ForecastQuery): Promise<ForecastReport> {
  authorize(ctx, "report.read");
  const now = todayIn(query.timeZone);
  // "Pipeline as of a date": the buckets of the newest snapshot on or before that day, seen from it.
  const asOf =
    query.asOf && query.asOf < now ? await snapshots.snapshotDayOnOrBefore(ctx.db, query.asOf) : null;
  if (query.asOf && query.asOf < now && !asOf) throw ruleViolation("snapshot_not_found").at("asOf");
  const today = asOf ?? now;
  const where = dealWhere(ctx, query);
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  const [buckets, snapshotDay] = await Promise.all([
    forecastBuckets(ctx, query, today, asOf ?? undefined),
    snapshots.snapshotDayOnOrBefore(ctx.db, weekAgo),
  ]);
  const changes = snapshotDay ? await snapshots.changesSince(ctx.db, snapshotDay, where) : null;
  const accuracy: ForecastReport["accuracy"] = [];
  for (let i = ACCURACY_MONTHS; i >= 1; i--) {
    const month = monthOf(today, query.timeZone, -i);
    const forecast = await snapshots.monthForecast(ctx.db, month, where);
    if (!forecast) continue;
    const won = await snapshots.wonIn(ctx.db, month.startsAt, month.endsBefore, where);
    accuracy.push({
      month: month.from.slice(0, 7),
      forecast: columnTotals(
        forecast
          .filter((r) => r.withAmount > 0)
          .map((r) => ({ currency: r.currency, sum: "0", weighted: r.weighted })),
      ).weightedSum,
      actual: sums(won),
    });
  }
  return {
    today,
    asOf,
    pipelineId: query.pipelineId ?? null,
    buckets,
    snapshot: snapshotDay && changes ? { takenOn: snapshotDay, changes } : null,
    accuracy,
  };
}

// --- health --------------------------------------------------------------------------------------

function healthCursor(cursor: string | undefined): [string | null, string | null] | null {
  if (!cursor) return null;
  const [entered, id] = decodeCursor(cursor, 2);
  if (typeof entered !== "string" || typeof id !== "string") throw invalidCursor();
  return [entered, id];
}

export async function healthReport(ctx: ServiceContext, query: HealthQuery): Promise<HealthReport> {
  authorize(ctx, "report.read");
  const now = new Date();
  const today = todayIn(query.timeZone, now);
  const where = dealWhere(ctx, query);
  const h = await healthFor(ctx, today, now);
  // The page filters with the per-deal probe (it reads deals in order until the page is full).
  const flag = query.flag
    ? h.pageFlag[query.flag]
    : sql`(${h.pageFlag.no_next_activity} or ${h.pageFlag.close_date_passed} or ${h.pageFlag.stuck})`;
  const [counts, rows] = await Promise.all([
    repo.healthCounts(ctx.db, h, where),
    repo.healthDeals(ctx.db, h, { where, flag, cursor: healthCursor(query.cursor), limit: query.limit }),
  ]);
  const page = toPage(rows, query.limit, (r) => [r.enteredText, r.id]);
  return {
    today,
    counts,
    data: page.data.map((r) => {
      const medianDaysInStage = r.medianDaysInStage === null ? null : Number(r.medianDaysInStage);
      const flags: HealthFlag[] = healthFlags({
        status: r.status,
        hasOpenActivity: r.hasOpenActivity,
        expectedCloseDate: r.expectedCloseDate,
        today,
        daysInStage: r.daysInStage,
        medianDaysInStage,
      });
      return {
        id: r.id,
        title: r.title,
        status: "open" as const,
        stageId: r.stageId,
        stageName: r.stageName,
        ownerId: r.ownerId,
        ownerName: r.ownerName,
        amount: r.amount === null ? null : { amount: r.amount, currency: r.currency },
        expectedCloseDate: r.expectedCloseDate,
        daysInStage: r.daysInStage,
        medianDaysInStage: roundDays(medianDaysInStage),
        flags: HEALTH_FLAGS.filter((f) => flags.includes(f)),
      };
    }),
    nextCursor: page.nextCursor,
  };
}

// --- dashboard -----------------------------------------------------------------------------------

export async function dashboard(ctx: ServiceContext, query: ReportQuery): Promise<Dashboard> {
  authorize(ctx, "report.read");
  const now = new Date();
  const today = todayIn(query.timeZone, now);
  const period = query.from || query.to ? reportPeriod(query, now) : monthOf(today, query.timeZone);
  const previous = monthOf(period.from, query.timeZone, -1);
  // The reader's own records: the gate's OR (own or team) would only make the planner read more.
  const myLeads = [ownWhere(ctx.actor, "lead", leads)];
  const myDeals = [
    ownWhere(ctx.actor, "deal", deals),
    ...(query.pipelineId ? [eq(deals.pipelineId, query.pipelineId)] : []),
  ];
  const myKeptDeals = [
    ownKeptWhere(ctx.actor, "deal", dealOpenTotals),
    ...(query.pipelineId ? [eq(dealOpenTotals.pipelineId, query.pipelineId)] : []),
  ];
  const h = await healthFor(ctx, today, now);
  const pipelineId = await repo.pipelineIdFor(ctx.db, query.pipelineId);
  const canSeeOwn = scopeFor(ctx.actor, "deal") !== "none";
  const startOfToday = startOfDay(today, query.timeZone);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const [byStatus, tasks, myStages, wonNow, wonBefore, myHealth] = await Promise.all([
    repo.openLeadsByStatus(ctx.db, myLeads),
    repo.taskCounts(
      ctx.db,
      [ownWhere(ctx.actor, "activity", activities)],
      startOfToday,
      startOfDay(tomorrow, query.timeZone),
    ),
    // The reader's own deals are the owner scope (a pipeline only picks the stages).
    pipelineId
      ? stageFigures(
          ctx,
          pipelineId,
          myDeals,
          myKeptDeals,
          canSeeOwn ? { kind: "owner", id: ctx.actor.id } : null,
        )
      : Promise.resolve([]),
    repo.closedFigures(ctx.db, { where: myDeals, startsAt: period.startsAt, endsBefore: period.endsBefore }),
    repo.closedFigures(ctx.db, {
      where: myDeals,
      startsAt: previous.startsAt,
      endsBefore: previous.endsBefore,
    }),
    repo.healthCounts(ctx.db, h, myDeals),
  ]);
  const wonOf = (rows: typeof wonNow) => {
    const won = rows.filter((r) => r.status === "won");
    return { count: won.reduce((n, r) => n + r.count, 0), sum: sums(won) };
  };
  const mine = {
    openLeadsByStatus: LEAD_STATUSES.flatMap((status) => {
      const row = byStatus.find((r) => r.status === status);
      return row ? [{ status, count: row.count }] : [];
    }),
    tasks,
    pipeline: { pipelineId, stages: myStages },
    wonThisMonth: wonOf(wonNow),
    wonLastMonth: wonOf(wonBefore),
    health: myHealth,
  };
  return {
    view: can(ctx.actor, "report.team") ? "team" : "personal",
    period: periodAnswer(period),
    previousPeriod: periodAnswer(previous),
    mine,
    team: can(ctx.actor, "report.team") ? await teamFigures(ctx, query, period, today) : null,
  };
}

/**
 * Lead created → first activity, median hours over the period's leads: exact, from the first activity
 * kept per lead (lead_first_activities), so no longer taken over the funnel's 1-in-16 sample.
 */
async function leadResponseMedian(ctx: ServiceContext, query: ReportQuery, period: Period) {
  return repo.leadResponseMedianHours(ctx.db, {
    where: leadWhere(ctx, query),
    startsAt: period.startsAt,
    endsBefore: period.endsBefore,
  });
}

/** The team's numbers (admins and managers): what the reader may see, which for them is everything. */
async function teamFigures(ctx: ServiceContext, query: ReportQuery, period: Period, today: string) {
  const inPeriod = { where: dealWhere(ctx, query), startsAt: period.startsAt, endsBefore: period.endsBefore };
  const h = await healthFor(ctx, today, new Date());
  const kept = keptDealWhere(ctx, query);
  const [funnel, forecast, closed, response, board, health] = await Promise.all([
    funnelSteps(ctx, query, period),
    forecastBuckets(ctx, query, today),
    repo.closedFigures(ctx.db, inPeriod),
    leadResponseMedian(ctx, query, period),
    repo.leaderboardRows(ctx.db, { ...inPeriod, kept }),
    repo.healthCounts(ctx.db, h, dealWhere(ctx, query)),
  ]);
  const wonCount = closed.filter((r) => r.status === "won").reduce((n, r) => n + r.count, 0);
  const lostCount = closed.filter((r) => r.status === "lost").reduce((n, r) => n + r.count, 0);
  const owners = [...new Set(board.map((r) => r.ownerId))];
  const leaderboard = owners.map((ownerId) => {
    const rows = board.filter((r) => r.ownerId === ownerId);
    return {
      ownerId,
      name: rows[0]?.name ?? "",
      wonCount: rows.reduce((n, r) => n + r.wonCount, 0),
      wonSum: sums(rows.map((r) => ({ currency: r.currency, sum: r.wonSum, withAmount: r.wonCount }))),
      openCount: rows.reduce((n, r) => n + r.openCount, 0),
    };
  });
  // Most won first (count, then the first currency's sum), then by name.
  const firstSum = (l: (typeof leaderboard)[number]) => toCents(l.wonSum[0]?.amount ?? "0");
  leaderboard.sort(
    (a, b) =>
      b.wonCount - a.wonCount ||
      (firstSum(b) > firstSum(a) ? 1 : firstSum(b) < firstSum(a) ? -1 : 0) ||
      a.name.localeCompare(b.name),
  );
  return {
    funnel,
    forecast,
    winRate: wonCount + lostCount > 0 ? roundRate(wonCount / (wonCount + lostCount)) : null,
    leadResponseMedianHours: response === null ? null : Math.round(response * 10) / 10,
    leaderboard: leaderboard.slice(0, 10),
    health,
  };
}
