import { FUNNEL_STEPS, type FunnelStep } from "@domain/reports/funnel";
import { MIN_STAYS, STUCK_FACTOR } from "@domain/reports/health";
import type { DbOrTx } from "@server/db/client";
import { afterCursor } from "@server/db/keyset";
import {
  activities,
  dealOpenActivities,
  dealOpenTotals,
  dealStageHistory,
  deals,
  leadFirstActivities,
  leads,
  pipelines,
  stageStayScopeStats,
  stageStayStats,
  stages,
  teams,
  users,
} from "@server/db/schema";
import { funnelStepTime } from "@server/modules/leads/lead-funnel";
import {
  type AnyColumn,
  and,
  asc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { StayScope } from "./stage-stay-stats.repository";

/*
 * The SQL of the reports. Every query takes the caller's permission gate as `gate` (visibleWhere of
 * the lead or deal table) and the filters as SQL on the same table, so a figure counts exactly the
 * records the lists would show. Money is summed per currency by PostgreSQL as numeric and leaves as
 * text; weighted sums are in currency units × percent (money.ts `columnTotals` rounds them).
 */

const int = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
const float = (expr: SQL) =>
  sql<number | null>`(${expr})::float8`.mapWith((v) => (v === null ? null : Number(v)));
/** Days from `earlier` to `later`, at least 0; null when either is null (greatest() would make that 0). */
export const days = (later: SQL, earlier: SQL) =>
  sql`(case when (${later}) >= (${earlier}) then extract(epoch from ((${later}) - (${earlier}))) / 86400.0 when (${later}) < (${earlier}) then 0 end)`;
const openProbability = sql`coalesce(${deals.probability}, ${stages.probability})`;

// --- funnel --------------------------------------------------------------------------------------

/** The reached time of every step of a lead, and the won deal's close as `won`. */
function stepColumns() {
  const wonAt = sql`won_deal.closed_at`;
  return Object.fromEntries(FUNNEL_STEPS.map((step) => [step, funnelStepTime(step, wonAt)])) as Record<
    FunnelStep,
    SQL
  >;
}

// A plain join (not a lateral subquery per lead): the planner can hash it at a million leads.
const wonDeal = sql`left join ${deals} won_deal on won_deal.id = ${leads.convertedDealId} and won_deal.status = 'won' and won_deal.deleted_at is null`;

export interface FunnelRow {
  key: string | null;
  counts: Record<FunnelStep, number>;
  medians: Record<FunnelStep, number | null>;
}

/**
 * Counts per step (a lead counts in every step it reached) and the median days from the previous
 * step, over leads created in [startsAt, endsBefore), grouped by `groupKey` (null: one row).
 */
export async function funnelRows(
  db: DbOrTx,
  o: {
    where: SQL[];
    /** Leads created in any of these ranges [startsAt, endsBefore). */
    ranges: { startsAt: Date; endsBefore: Date }[];
    groupKey: SQL | null;
    medians?: boolean;
  },
): Promise<FunnelRow[]> {
  if (o.ranges.length === 0) return [];
  const times = stepColumns();
  const key = o.groupKey ?? sql`null::text`;
  const counts = FUNNEL_STEPS.map((s) => sql`count(${times[s]})::int as ${sql.raw(`"n_${s}"`)}`);
  const medians = FUNNEL_STEPS.map((s, i) => {
    const previous = i === 0 ? null : FUNNEL_STEPS[i - 1];
    // The medians sort every lead once per step: only where they are shown (not in the cohorts).
    const gap = previous && o.medians !== false ? days(times[s], times[previous]) : sql`null::float8`;
    return sql`(percentile_cont(0.5) within group (order by ${gap}))::float8 as ${sql.raw(`"m_${s}"`)}`;
  });
  const inRanges = or(
    ...o.ranges.map((r) => and(gte(leads.createdAt, r.startsAt), lt(leads.createdAt, r.endsBefore))),
  );
  const where = and(inRanges, ...o.where);
  const result = await db.execute<Record<string, unknown>>(sql`
    select ${key} as "key", ${sql.join(counts, sql`, `)}, ${sql.join(medians, sql`, `)}
    from ${leads} ${wonDeal}
    where ${where}
    group by 1 order by 1 nulls last`);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    key: row.key === null || row.key === undefined ? null : String(row.key),
    counts: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, Number(row[`n_${s}`] ?? 0)])) as Record<
      FunnelStep,
      number
    >,
    medians: Object.fromEntries(
      FUNNEL_STEPS.map((s) => {
        const m = row[`m_${s}`];
        return [s, m === null || m === undefined ? null : Number(m)];
      }),
    ) as Record<FunnelStep, number | null>,
  }));
}

/**
 * Every 16th live lead, by the last hex digit of its random id: the rows of leads_funnel_sample_idx
 * (written exactly as that index's predicate, so the planner can use it).
 */
export const funnelSample = sql`right(${leads.id}::text, 1) = '0'`;

/**
 * A funnel group key: the period of `local` (a timestamp in the user's zone: month by default,
 * quarter, year) or one of the attribute columns. The cohort table draws it on the leads, the
 * aggregate on lead_funnel_days, so both group alike.
 */
export function periodOrAttributeKey(
  groupBy: string,
  local: SQL,
  columns: { source: AnyColumn; ownerId: AnyColumn; teamId: AnyColumn },
): SQL {
  switch (groupBy) {
    case "quarter":
      return sql`to_char(${local}, 'YYYY-"Q"Q')`;
    case "year":
      return sql`to_char(${local}, 'YYYY')`;
    case "source":
      return sql`${columns.source}`;
    case "owner":
      return sql`${columns.ownerId}::text`;
    case "team":
      return sql`${columns.teamId}::text`;
    default:
      return sql`to_char(${local}, 'YYYY-MM')`;
  }
}

/** The group key of the funnel's cohort table: the creation period in the zone, or an attribute. */
export function funnelGroupKey(groupBy: string, timeZone: string): SQL {
  return periodOrAttributeKey(groupBy, sql`(${leads.createdAt} at time zone ${timeZone})`, leads);
}

/**
 * The aggregate's group key (aggregateGroupKey: the period of the UTC day's start in the zone, or the
 * attribute) drawn on the leads: what lead_funnel_days counted a lead under, which for a lead after a
 * month's start late in a UTC day is the month before (funnel-aggregate.repository.ts splitPeriod).
 */
export function funnelDayKey(groupBy: string, timeZone: string): SQL {
  const dayStart = sql`((date_trunc('day', ${leads.createdAt} at time zone 'UTC') at time zone 'UTC') at time zone ${timeZone})`;
  return periodOrAttributeKey(groupBy, dayStart, leads);
}

/** Names for owner and team keys of a breakdown. */
export async function namesOf(
  db: DbOrTx,
  kind: "owner" | "team",
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows =
    kind === "owner"
      ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
      : await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Drizzle's execute answers `{ rows }` on both drivers. */
function rowsOf<T>(result: unknown): T[] {
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

// --- pipeline ------------------------------------------------------------------------------------

/** The pipeline to show: the asked one, else the default (first) pipeline. */
export async function pipelineIdFor(db: DbOrTx, asked: string | undefined): Promise<string | null> {
  const rows = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(isNull(pipelines.deletedAt), asked ? eq(pipelines.id, asked) : undefined))
    .orderBy(sql`${pipelines.isDefault} desc`, asc(pipelines.position), asc(pipelines.createdAt))
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Open deals per stage and currency: count, sum, weighted (units × percent). */
export async function openByStage(db: DbOrTx, pipelineId: string, where: SQL[]) {
  return db
    .select({
      stageId: stages.id,
      name: stages.name,
      probability: stages.probability,
      position: stages.position,
      currency: deals.currency,
      count: int(sql`count(${deals.id})`),
      withAmount: int(sql`count(${deals.amount})`),
      sum: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
      weighted: sql<string>`coalesce(sum(${deals.amount} * ${openProbability}), 0)::text`,
    })
    .from(stages)
    .leftJoin(deals, and(eq(deals.stageId, stages.id), eq(deals.status, "open"), ...where))
    .where(and(eq(stages.pipelineId, pipelineId), isNull(stages.deletedAt)))
    .groupBy(stages.id, deals.currency)
    .orderBy(asc(stages.position));
}

/**
 * openByStage from the open deals kept per owner, team, stage, … (deal_open_totals, #18): `kept` is the
 * reader's gate and filters on that table (visibleKeptWhere), so the same deals, summed in advance. The
 * weighted sum applies the stage's probability of the moment to the amounts without an own one.
 */
export async function openByStageKept(db: DbOrTx, pipelineId: string, kept: SQL[]) {
  const t = dealOpenTotals;
  return db
    .select({
      stageId: stages.id,
      name: stages.name,
      probability: stages.probability,
      position: stages.position,
      currency: t.currency,
      count: int(sql`coalesce(sum(${t.deals}), 0)`),
      withAmount: int(sql`coalesce(sum(${t.withAmount}), 0)`),
      sum: sql<string>`coalesce(sum(${t.amountSum}), 0)::text`,
      weighted: sql<string>`coalesce(sum(${t.amountSum} * coalesce(${t.probability}, ${stages.probability})), 0)::text`,
    })
    .from(stages)
    .leftJoin(t, and(eq(t.stageId, stages.id), ...kept))
    .where(and(eq(stages.pipelineId, pipelineId), isNull(stages.deletedAt)))
    .groupBy(stages.id, t.currency)
    .orderBy(asc(stages.position));
}

/** Median and 75th percentile of finished stays per stage (days), with how many stays they rest on. */
export async function stayFigures(db: DbOrTx, stageIds: string[], where: SQL[]) {
  if (stageIds.length === 0) return [];
  const stay = days(sql`${dealStageHistory.leftAt}`, sql`${dealStageHistory.enteredAt}`);
  return db
    .select({
      stageId: dealStageHistory.stageId,
      stays: int(sql`count(*)`),
      median: float(sql`percentile_cont(0.5) within group (order by ${stay})`),
      p75: float(sql`percentile_cont(0.75) within group (order by ${stay})`),
    })
    .from(dealStageHistory)
    .innerJoin(deals, eq(deals.id, dealStageHistory.dealId))
    .where(
      and(inArray(dealStageHistory.stageId, stageIds), sql`${dealStageHistory.leftAt} is not null`, ...where),
    )
    .groupBy(dealStageHistory.stageId);
}

/** Deals closed in the period: count and sums per status and currency, and the won cycle median. */
export async function closedFigures(db: DbOrTx, o: { where: SQL[]; startsAt: Date; endsBefore: Date }) {
  return db
    .select({
      status: deals.status,
      currency: deals.currency,
      count: int(sql`count(*)`),
      withAmount: int(sql`count(${deals.amount})`),
      sum: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
      average: sql<string | null>`round(avg(${deals.amount}), 2)::text`,
    })
    .from(deals)
    .where(
      and(
        inArray(deals.status, ["won", "lost"]),
        gte(deals.closedAt, o.startsAt),
        lt(deals.closedAt, o.endsBefore),
        ...o.where,
      ),
    )
    .groupBy(deals.status, deals.currency);
}

export async function salesCycleMedian(db: DbOrTx, o: { where: SQL[]; startsAt: Date; endsBefore: Date }) {
  const rows = await db
    .select({
      median: float(
        sql`percentile_cont(0.5) within group (order by ${days(sql`${deals.closedAt}`, sql`${deals.createdAt}`)})`,
      ),
    })
    .from(deals)
    .where(
      and(
        eq(deals.status, "won"),
        gte(deals.closedAt, o.startsAt),
        lt(deals.closedAt, o.endsBefore),
        ...o.where,
      ),
    );
  return rows[0]?.median ?? null;
}

export async function lostReasons(db: DbOrTx, o: { where: SQL[]; startsAt: Date; endsBefore: Date }) {
  return db
    .select({ reason: sql<string>`coalesce(${deals.lostReason}, '')`, count: int(sql`count(*)`) })
    .from(deals)
    .where(
      and(
        eq(deals.status, "lost"),
        gte(deals.closedAt, o.startsAt),
        lt(deals.closedAt, o.endsBefore),
        ...o.where,
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`, sql`1`);
}

/**
 * Won deals of the period by the source of the lead they came from (null: not from a lead, or from a
 * lead the reader may not open — `leadGate` — whose source is not theirs to read). `leadGate` null: the
 * reader may open every live lead, so the deal's own copy (deals.lead_source, kept by triggers) is the
 * source and the figures come from deals_closed_report_idx alone.
 */
export async function wonBySource(
  db: DbOrTx,
  o: { where: SQL[]; leadGate: SQL | null; startsAt: Date; endsBefore: Date },
) {
  // Otherwise the source as a lookup per won deal (one probe of leads_pkey each), not a join: joined,
  // the planner hashed every lead of the table (1M index entries) for a few thousand won deals.
  const source = o.leadGate
    ? sql<
        string | null
      >`(select ${leads.source} from ${leads} where ${leads.id} = ${deals.sourceLeadId} and ${o.leadGate})`
    : sql<string | null>`${deals.leadSource}`;
  return db
    .select({
      source,
      currency: deals.currency,
      count: int(sql`count(*)`),
      sum: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
      withAmount: int(sql`count(${deals.amount})`),
    })
    .from(deals)
    .where(
      and(
        eq(deals.status, "won"),
        gte(deals.closedAt, o.startsAt),
        lt(deals.closedAt, o.endsBefore),
        ...o.where,
      ),
    )
    .groupBy(sql`1`, deals.currency);
}

// --- forecast ------------------------------------------------------------------------------------

/** Open deals by bucket ("none", "overdue", "YYYY-MM" of the next months, "later") and currency. */
export async function forecastRows(db: DbOrTx, o: { where: SQL[]; today: string; laterFrom: string }) {
  const bucket = sql<string>`case
    when ${deals.expectedCloseDate} is null then 'none'
    when ${deals.expectedCloseDate} < ${o.today}::date then 'overdue'
    when ${deals.expectedCloseDate} >= ${o.laterFrom}::date then 'later'
    else to_char(${deals.expectedCloseDate}, 'YYYY-MM') end`;
  return db
    .select({
      bucket,
      currency: deals.currency,
      count: int(sql`count(*)`),
      withAmount: int(sql`count(${deals.amount})`),
      sum: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
      weighted: sql<string>`coalesce(sum(${deals.amount} * ${openProbability}), 0)::text`,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .where(and(eq(deals.status, "open"), ...o.where))
    .groupBy(sql`1`, deals.currency);
}

/**
 * forecastRows from deal_open_totals (#18): the kept rows by month of expected close, with the current
 * month's days before today (overdue) read from the deals themselves and moved from that month's
 * bucket to "overdue". `kept`: the gate and filters on deal_open_totals; `where`: the same on deals.
 */
export async function forecastRowsKept(
  db: DbOrTx,
  o: { kept: SQL[]; where: SQL[]; today: string; laterFrom: string },
) {
  const t = dealOpenTotals;
  const monthStart = `${o.today.slice(0, 7)}-01`;
  const keptRows = sql`
    select case
             when ${t.closeMonth} is null then 'none'
             when ${t.closeMonth} < ${monthStart}::date then 'overdue'
             when ${t.closeMonth} >= ${o.laterFrom}::date then 'later'
             else to_char(${t.closeMonth}, 'YYYY-MM') end as bucket,
           ${t.currency} as currency, ${t.deals} as n, ${t.withAmount} as with_amount,
           ${t.amountSum} as amount_sum,
           ${t.amountSum} * coalesce(${t.probability}, ${stages.probability}) as weighted
      from ${t} join ${stages} on ${stages.id} = ${t.stageId}
     where ${and(sql`true`, ...o.kept)}`;
  // The current month's open deals whose expected close is before today: a range of deals_close_idx.
  const overdue = sql`
    select ${deals.currency} as currency, count(*)::int as n, count(${deals.amount})::int as with_amount,
           coalesce(sum(${deals.amount}), 0) as amount_sum,
           coalesce(sum(${deals.amount} * ${openProbability}), 0) as weighted
      from ${deals} join ${stages} on ${stages.id} = ${deals.stageId}
     where ${and(
       eq(deals.status, "open"),
       sql`${deals.expectedCloseDate} >= ${monthStart}::date`,
       sql`${deals.expectedCloseDate} < ${o.today}::date`,
       ...o.where,
     )}
     group by ${deals.currency}`;
  const result = await db.execute<Record<string, unknown>>(sql`
    with kept as (${keptRows}), overdue as (${overdue})
    select bucket, currency, sum(n)::int as count, sum(with_amount)::int as "withAmount",
           coalesce(sum(amount_sum), 0)::text as sum, coalesce(sum(weighted), 0)::text as weighted
      from (
        select * from kept
        union all select 'overdue'::text, currency, n, with_amount, amount_sum, weighted from overdue
        union all select ${o.today.slice(0, 7)}::text, currency, -n, -with_amount, -amount_sum, -weighted from overdue
      ) r
     group by 1, 2`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    bucket: String(r.bucket),
    currency: String(r.currency),
    count: Number(r.count),
    withAmount: Number(r.withAmount),
    sum: String(r.sum),
    weighted: String(r.weighted),
  }));
}

// --- health --------------------------------------------------------------------------------------

type HealthFlags = Record<"no_next_activity" | "close_date_passed" | "stuck", SQL>;

export interface HealthSql {
  medians: ReturnType<typeof healthMedians>;
  /** Whether the deal has an open activity the reader sees, for the counts over all open deals. */
  hasOpenActivity: SQL;
  /** The same probed per deal (an index lookup each), for a page that reads a few deals. */
  hasOpenActivityPerDeal: SQL;
  daysInStage: SQL;
  flag: HealthFlags;
  /** The flags with the per-deal probe: what a page of deals filters by. */
  pageFlag: HealthFlags;
}

/**
 * The stages' median finished stay (days) as a CTE: counted in advance (stage-stay-stats.repository.ts)
 * when `scope` says whose deals the reader sees and the job has counted every stage, else over the
 * reader's visible deals. Beside it `stuckBefore`, the stage's "stuck" line as an instant: a deal is
 * stuck when its whole days in the stage exceed STUCK_FACTOR × the median, i.e. when it entered at or
 * before `now` − (⌊STUCK_FACTOR × median⌋ + 1) days (of 86,400 s, as daysInStage counts them). One
 * comparison of timestamps per deal instead of numeric epoch arithmetic per deal (#18: that
 * arithmetic was about 40 % of the health counts' time over 8,844 open deals).
 */
function healthMedians(db: DbOrTx, gate: SQL, scope: StayScope | null, now: Date) {
  const stuckBefore = (median: SQL) =>
    sql<Date | null>`(${now.toISOString()}::timestamptz - make_interval(secs => (floor(${STUCK_FACTOR} * (${median})) + 1) * 86400))`.as(
      "sm_stuck_before",
    );
  const kept = (stays: SQL, days: SQL) => {
    const median = sql`case when ${stays} >= ${MIN_STAYS} then ${days} end`;
    return {
      median: sql<number | null>`${median}`.as("sm_median_days"),
      stuckBefore: stuckBefore(median),
    };
  };
  if (scope?.kind === "all") {
    return db.$with("stage_medians").as(
      db
        .select({
          stageId: sql<string>`${stageStayStats.stageId}`.as("sm_stage_id"),
          ...kept(sql`${stageStayStats.stays}`, sql`${stageStayStats.medianDays}`),
        })
        .from(stageStayStats),
    );
  }
  if (scope) {
    return db.$with("stage_medians").as(
      db
        .select({
          stageId: sql<string>`${stageStayScopeStats.stageId}`.as("sm_stage_id"),
          ...kept(sql`${stageStayScopeStats.stays}`, sql`${stageStayScopeStats.medianDays}`),
        })
        .from(stageStayScopeStats)
        .where(and(eq(stageStayScopeStats.scope, scope.kind), eq(stageStayScopeStats.scopeId, scope.id))),
    );
  }
  const stay = days(sql`${dealStageHistory.leftAt}`, sql`${dealStageHistory.enteredAt}`);
  const median = sql`case when count(*) >= ${MIN_STAYS} then (percentile_cont(0.5) within group (order by ${stay}))::float8 end`;
  return db.$with("stage_medians").as(
    db
      .select({
        stageId: sql<string>`${dealStageHistory.stageId}`.as("sm_stage_id"),
        median: sql<number | null>`${median}`.as("sm_median_days"),
        stuckBefore: stuckBefore(median),
      })
      .from(dealStageHistory)
      .innerJoin(deals, eq(deals.id, dealStageHistory.dealId))
      .where(and(sql`${dealStageHistory.leftAt} is not null`, gate))
      .groupBy(dealStageHistory.stageId),
  );
}

/**
 * The flags' SQL. `activityGate` is the reader's gate on activities: an open activity the reader may
 * not see does not count as the deal's next activity (they would find none on the deal).
 */
export function healthSql(
  db: DbOrTx,
  /** `everyActivity`: the reader sees every live activity, so deal_open_activities answers for them. */
  gates: { deal: SQL; activity: SQL; everyActivity: boolean },
  today: string,
  now: Date,
  /** Whose stays the medians come from, counted in advance; null: over the reader's deals, live. */
  scope: StayScope | null = null,
): HealthSql {
  const medians = healthMedians(db, gates.deal, scope, now);
  // A reader who sees every activity reads the per-deal count kept by triggers (one small row per deal
  // with any open activity) instead of the open activities themselves (#18).
  const openActivity = gates.everyActivity
    ? sql`select 1 from ${dealOpenActivities} where ${dealOpenActivities.dealId} = ${deals.id}`
    : sql`select 1 from ${activities} where ${activities.dealId} = ${deals.id} and ${activities.deletedAt} is null and ${activities.done} = false and ${gates.activity}`;
  const hasOpenActivity = sql`exists (${openActivity})`;
  // `offset 0` keeps PostgreSQL from turning the EXISTS into a hashed subplan, which reads every open
  // activity of every deal once per query (540k index entries at 2M activities) even for a page of
  // 50 deals; this way each deal of the page costs one probe of activities_deal_open_idx.
  const hasOpenActivityPerDeal = sql`exists (${openActivity} offset 0)`;
  const daysInStage = sql`floor(extract(epoch from (${now.toISOString()}::timestamptz - ${deals.stageEnteredAt})) / 86400)::int`;
  const flags = (probe: SQL): HealthFlags => ({
    no_next_activity: sql`not ${probe}`,
    close_date_passed: sql`(${deals.expectedCloseDate} is not null and ${deals.expectedCloseDate} < ${today}::date)`,
    // Null (no median) counts as not stuck: `coalesce` keeps the flag a plain boolean.
    stuck: sql`coalesce(${deals.stageEnteredAt} <= ${medians.stuckBefore}, false)`,
  });
  return {
    medians,
    hasOpenActivity,
    hasOpenActivityPerDeal,
    daysInStage,
    flag: flags(hasOpenActivity),
    pageFlag: flags(hasOpenActivityPerDeal),
  };
}

/**
 * How many open deals carry each flag, and how many carry any. The flags are computed once per deal in
 * a subquery kept apart by `offset 0`: inlined, the "no next activity" probe ran once per count that
 * names it (twice per deal, 36k index probes for 18k open deals in EXPLAIN ANALYZE at 40k deals).
 */
export async function healthCounts(db: DbOrTx, h: HealthSql, where: SQL[]) {
  const flags = db
    .with(h.medians)
    .select({
      none: sql<boolean>`${h.flag.no_next_activity}`.as("f_none"),
      passed: sql<boolean>`${h.flag.close_date_passed}`.as("f_passed"),
      stuck: sql<boolean>`${h.flag.stuck}`.as("f_stuck"),
    })
    .from(deals)
    .leftJoin(h.medians, eq(h.medians.stageId, deals.stageId))
    .where(and(eq(deals.status, "open"), ...where))
    // drizzle leaves out a literal `offset 0`; a placeholder bound to 0 keeps it.
    .offset(sql.placeholder("noPullUp"))
    .as("flags");
  const rows = await db
    .select({
      flagged: int(sql`count(*) filter (where ${flags.none} or ${flags.passed} or ${flags.stuck})`),
      no_next_activity: int(sql`count(*) filter (where ${flags.none})`),
      close_date_passed: int(sql`count(*) filter (where ${flags.passed})`),
      stuck: int(sql`count(*) filter (where ${flags.stuck})`),
    })
    .from(flags)
    .execute({ noPullUp: 0 });
  return rows[0] ?? { flagged: 0, no_next_activity: 0, close_date_passed: 0, stuck: 0 };
}

/** A page of flagged open deals, longest in their stage first. */
export async function healthDeals(
  db: DbOrTx,
  h: HealthSql,
  o: { where: SQL[]; flag: SQL; cursor: [string | null, string | null] | null; limit: number },
) {
  const after = o.cursor
    ? afterCursor(sql`${deals.stageEnteredAt}`, deals.id, "asc", o.cursor, "timestamptz")
    : undefined;
  return db
    .with(h.medians)
    .select({
      id: deals.id,
      title: deals.title,
      status: deals.status,
      stageId: deals.stageId,
      stageName: stages.name,
      ownerId: deals.ownerId,
      ownerName: users.name,
      amount: deals.amount,
      currency: deals.currency,
      expectedCloseDate: deals.expectedCloseDate,
      enteredText: sql<string>`${deals.stageEnteredAt}::text`,
      daysInStage: int(h.daysInStage),
      medianDaysInStage: h.medians.median,
      hasOpenActivity: sql<boolean>`${h.hasOpenActivityPerDeal}`,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .leftJoin(users, eq(users.id, deals.ownerId))
    .leftJoin(h.medians, eq(h.medians.stageId, deals.stageId))
    .where(and(eq(deals.status, "open"), o.flag, after, ...o.where))
    .orderBy(asc(deals.stageEnteredAt), asc(deals.id))
    .limit(o.limit + 1);
}

// --- dashboard -----------------------------------------------------------------------------------

/** Open leads by status (new … recycled; converted and dead are closed). */
export async function openLeadsByStatus(db: DbOrTx, where: SQL[]) {
  return db
    .select({ status: leads.status, count: int(sql`count(*)`) })
    .from(leads)
    .where(and(notInArray(leads.status, ["converted", "dead"]), ...where))
    .groupBy(leads.status);
}

/** Not-done activities before today and today (by when they happen, as My work shows them). */
export async function taskCounts(db: DbOrTx, where: SQL[], today: Date, tomorrow: Date) {
  const rows = await db
    .select({
      overdue: int(sql`count(*) filter (where ${activities.occursAt} < ${today})`),
      today: int(
        sql`count(*) filter (where ${activities.occursAt} >= ${today} and ${activities.occursAt} < ${tomorrow})`,
      ),
    })
    .from(activities)
    .where(
      and(
        eq(activities.done, false),
        lt(activities.occursAt, tomorrow),
        inArray(activities.type, ["task", "meeting", "call"]),
        ...where,
      ),
    );
  return rows[0] ?? { overdue: 0, today: 0 };
}

/**
 * Lead created → its first live activity, median hours, over the leads created in the period that have
 * one (percentile_cont leaves out the others, as it left out the nulls of the per-lead probe it
 * replaces). The first activity is kept per lead by triggers (lead_first_activities): joined on the
 * lead's creation time and id too, the period is a range of lead_first_activities_created_idx beside
 * the range of leads_created_idx, with no probe of the activities per lead.
 */
export async function leadResponseMedianHours(
  db: DbOrTx,
  o: { where: SQL[]; startsAt: Date; endsBefore: Date },
): Promise<number | null> {
  const first = leadFirstActivities;
  const rows = await db
    .select({
      median: float(
        sql`percentile_cont(0.5) within group (order by ${days(sql`${first.firstAt}`, sql`${leads.createdAt}`)} * 24)`,
      ),
    })
    .from(leads)
    .innerJoin(
      first,
      and(
        eq(first.leadId, leads.id),
        eq(first.leadCreatedAt, leads.createdAt),
        gte(first.leadCreatedAt, o.startsAt),
        lt(first.leadCreatedAt, o.endsBefore),
      ),
    )
    .where(and(gte(leads.createdAt, o.startsAt), lt(leads.createdAt, o.endsBefore), ...o.where));
  return rows[0]?.median ?? null;
}

/**
 * Per owner: deals won in the period (count, sum per currency) and open deals now, as rows per owner
 * and currency of either part (the service adds them up). Two reads rather than one with
 * `status = 'open' or (won in period)`: each part is then a range of its own partial index
 * (deals_open_report_idx, deals_closed_report_idx), read without the deals' rows.
 */
export async function leaderboardRows(
  db: DbOrTx,
  /** `kept`: the gate and filters on deal_open_totals, which then count the open part (#18). */
  o: { where: SQL[]; kept: SQL[] | null; startsAt: Date; endsBefore: Date },
) {
  const part = (won: boolean) =>
    db
      .select({
        ownerId: sql<string>`${deals.ownerId}`,
        name: users.name,
        currency: deals.currency,
        wonCount: won ? int(sql`count(*)`) : int(sql`0`),
        wonSum: won ? sql<string>`coalesce(sum(${deals.amount}), 0)::text` : sql<string>`'0'`,
        openCount: won ? int(sql`0`) : int(sql`count(*)`),
      })
      .from(deals)
      .innerJoin(users, eq(users.id, deals.ownerId))
      .where(
        and(
          won
            ? and(eq(deals.status, "won"), gte(deals.closedAt, o.startsAt), lt(deals.closedAt, o.endsBefore))
            : eq(deals.status, "open"),
          ...o.where,
        ),
      )
      .groupBy(deals.ownerId, users.name, deals.currency);
  const t = dealOpenTotals;
  const keptOpen = (kept: SQL[]) =>
    db
      .select({
        ownerId: sql<string>`${t.ownerId}`,
        name: users.name,
        currency: t.currency,
        wonCount: int(sql`0`),
        wonSum: sql<string>`'0'`,
        openCount: int(sql`sum(${t.deals})`),
      })
      .from(t)
      .innerJoin(users, eq(users.id, t.ownerId))
      .where(and(...kept))
      .groupBy(t.ownerId, users.name, t.currency);
  const [won, open] = await Promise.all([part(true), o.kept ? keptOpen(o.kept) : part(false)]);
  return [...won, ...open];
}
