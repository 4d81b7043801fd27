import type { Db, DbOrTx } from "@server/db/client";
import { deals, forecastSnapshots, stages } from "@server/db/schema";
import { and, desc, eq, gte, inArray, lt, lte, type SQL, sql } from "drizzle-orm";

/** The UTC day of an instant, YYYY-MM-DD. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Stores every open deal as of `at`'s UTC day, unless that day has its snapshot already. One statement,
 * so a snapshot is whole or absent; two processes racing meet the primary key (on conflict do nothing).
 */
export async function takeForecastSnapshot(db: Db, at: Date): Promise<number> {
  const day = utcDay(at);
  const [taken] = await db
    .select({ one: sql<number>`1` })
    .from(forecastSnapshots)
    .where(eq(forecastSnapshots.takenOn, day))
    .limit(1);
  if (taken) return 0;
  const result = await db.execute(sql`
    insert into ${forecastSnapshots}
      (taken_on, deal_id, pipeline_id, stage_id, amount, currency, probability, expected_close_date, owner_id, team_id)
    select ${day}::date, ${deals.id}, ${deals.pipelineId}, ${deals.stageId}, ${deals.amount}, ${deals.currency},
      coalesce(${deals.probability}, ${stages.probability}), ${deals.expectedCloseDate}, ${deals.ownerId}, ${deals.teamId}
    from ${deals} join ${stages} on ${stages.id} = ${deals.stageId}
    where ${deals.status} = 'open' and ${deals.deletedAt} is null
    on conflict do nothing`);
  const counted = result as { affectedRows?: number; rowCount?: number | null };
  return counted.rowCount ?? counted.affectedRows ?? 0;
}

/** The newest snapshot day on or before `day`. */
export async function snapshotDayOnOrBefore(db: DbOrTx, day: string): Promise<string | null> {
  const [row] = await db
    .select({ day: forecastSnapshots.takenOn })
    .from(forecastSnapshots)
    .where(lte(forecastSnapshots.takenOn, day))
    .orderBy(desc(forecastSnapshots.takenOn))
    .limit(1);
  return row?.day ?? null;
}

/**
 * What changed since the snapshot of `day` among the deals the reader may see (`where`: the gate and
 * filters on deals): new open deals, deals won or lost since, moved to another stage, and slipped
 * (expected close later than the snapshot said, or no longer set).
 */
export async function changesSince(db: DbOrTx, day: string, where: SQL[]) {
  const s = forecastSnapshots;
  const [row] = await db
    .select({
      new: sql<number>`(count(*) filter (where ${s.dealId} is null and ${deals.status} = 'open'))::int`.mapWith(
        Number,
      ),
      won: sql<number>`(count(*) filter (where ${s.dealId} is not null and ${deals.status} = 'won'))::int`.mapWith(
        Number,
      ),
      lost: sql<number>`(count(*) filter (where ${s.dealId} is not null and ${deals.status} = 'lost'))::int`.mapWith(
        Number,
      ),
      moved:
        sql<number>`(count(*) filter (where ${s.dealId} is not null and ${deals.status} = 'open' and ${deals.stageId} <> ${s.stageId}))::int`.mapWith(
          Number,
        ),
      slipped:
        sql<number>`(count(*) filter (where ${s.dealId} is not null and ${deals.status} = 'open' and ${s.expectedCloseDate} is not null and (${deals.expectedCloseDate} is null or ${deals.expectedCloseDate} > ${s.expectedCloseDate})))::int`.mapWith(
          Number,
        ),
    })
    .from(deals)
    .leftJoin(s, and(eq(s.dealId, deals.id), eq(s.takenOn, day)))
    .where(
      and(
        ...where,
        // Deals of the snapshot, and open deals created since.
        sql`(${s.dealId} is not null or ${deals.status} = 'open')`,
      ),
    );
  return row ?? { new: 0, won: 0, lost: 0, moved: 0, slipped: 0 };
}

/**
 * Forecast against actual for past months: the weighted pipeline with an expected close in the month
 * as the month's first snapshot saw it, and what was won in the month (instants in the reader's zone).
 */
export async function monthForecast(db: DbOrTx, month: { from: string; to: string }, where: SQL[]) {
  const s = forecastSnapshots;
  const [first] = await db
    .select({ day: s.takenOn })
    .from(s)
    .where(and(gte(s.takenOn, month.from), lte(s.takenOn, month.to)))
    .orderBy(s.takenOn)
    .limit(1);
  if (!first) return null;
  const rows = await db
    .select({
      currency: s.currency,
      weighted: sql<string>`coalesce(sum(${s.amount} * ${s.probability}), 0)::text`,
      withAmount: sql<number>`count(${s.amount})::int`.mapWith(Number),
    })
    .from(s)
    .innerJoin(deals, eq(deals.id, s.dealId))
    .where(
      and(
        eq(s.takenOn, first.day),
        gte(s.expectedCloseDate, month.from),
        lte(s.expectedCloseDate, month.to),
        ...where,
      ),
    )
    .groupBy(s.currency);
  return rows;
}

export async function wonIn(db: DbOrTx, startsAt: Date, endsBefore: Date, where: SQL[]) {
  return db
    .select({
      currency: deals.currency,
      sum: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
      withAmount: sql<number>`count(${deals.amount})::int`.mapWith(Number),
    })
    .from(deals)
    .where(
      and(
        inArray(deals.status, ["won"]),
        gte(deals.closedAt, startsAt),
        lt(deals.closedAt, endsBefore),
        ...where,
      ),
    )
    .groupBy(deals.currency);
}

/**
 * The forecast buckets as the snapshot of `day` saw them ("pipeline as of a date"): the snapshot's
 * close dates, amounts and probabilities, for the deals the reader may see today (`where` on deals).
 */
export async function snapshotForecastRows(
  db: DbOrTx,
  o: { day: string; where: SQL[]; today: string; laterFrom: string },
) {
  const s = forecastSnapshots;
  const bucket = sql<string>`case
    when ${s.expectedCloseDate} is null then 'none'
    when ${s.expectedCloseDate} < ${o.today}::date then 'overdue'
    when ${s.expectedCloseDate} >= ${o.laterFrom}::date then 'later'
    else to_char(${s.expectedCloseDate}, 'YYYY-MM') end`;
  return db
    .select({
      bucket,
      currency: s.currency,
      count: sql<number>`count(*)::int`.mapWith(Number),
      withAmount: sql<number>`count(${s.amount})::int`.mapWith(Number),
      sum: sql<string>`coalesce(sum(${s.amount}), 0)::text`,
      weighted: sql<string>`coalesce(sum(${s.amount} * ${s.probability}), 0)::text`,
    })
    .from(s)
    .innerJoin(deals, eq(deals.id, s.dealId))
    .where(and(eq(s.takenOn, o.day), ...o.where))
    .groupBy(sql`1`, s.currency);
}
