import { scopeFor } from "@domain/access-policy";
import type { Actor } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { dealStageHistory, deals, stageStayStats, stages } from "@server/db/schema";
import { and, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { days, stayFigures } from "./report.repository";

/*
 * Time in stage, pre-aggregated (#18). percentile_cont has to sort every finished stay of a stage, which
 * at 200k deals (~600k stays) took seconds on each pipeline, health, dashboard and board request. The
 * `stage-stay-stats` job recounts all stages every few minutes into stage_stay_stats; readers who see
 * every deal, without a filter narrowing the deals, read those rows. Everyone else (a salesperson's own
 * deals, a team or owner filter) still counts live: their figures rest on their deals only, which the
 * table cannot answer, and those sets are small. A stage the job has not counted yet (created since its
 * last run, or a new installation) is counted live too.
 */

export type StayFigure = Awaited<ReturnType<typeof stayFigures>>[number];

/** Counts every stage's finished stays of live deals again, in one transaction (the job's work). */
export async function recountStageStays(db: DbOrTx, now: Date): Promise<void> {
  const stay = days(sql`h.left_at`, sql`h.entered_at`);
  await db.transaction(async (tx) => {
    await tx.delete(stageStayStats);
    await tx.execute(sql`
      insert into ${stageStayStats} (stage_id, stays, median_days, p75_days, computed_at)
      select s.id, count(h.stage_id)::int,
        (percentile_cont(0.5) within group (order by ${stay}))::float8,
        (percentile_cont(0.75) within group (order by ${stay}))::float8,
        ${now.toISOString()}::timestamptz
      from ${stages} s
      left join (
        select h.stage_id, h.entered_at, h.left_at from ${dealStageHistory} h
        join ${deals} d on d.id = h.deal_id and d.deleted_at is null
        where h.left_at is not null
      ) h on h.stage_id = s.id
      group by s.id`);
  });
}

/** Whether the reader's figures are everyone's: they see every deal and no filter narrows them. */
export const seesAllDeals = (actor: Actor, narrowed: boolean) =>
  !narrowed && scopeFor(actor, "deal") === "all";

/**
 * The stages' stay figures for a reader: from the table when `seesAllDeals`, else (and for stages not
 * counted yet) live over `where` (the reader's gate and filters on deals).
 */
export async function stageStays(
  db: DbOrTx,
  o: { actor: Actor; stageIds: string[]; where: SQL[]; narrowed: boolean },
): Promise<StayFigure[]> {
  if (o.stageIds.length === 0) return [];
  if (!seesAllDeals(o.actor, o.narrowed)) return stayFigures(db, o.stageIds, o.where);
  const counted = await db
    .select({
      stageId: stageStayStats.stageId,
      stays: stageStayStats.stays,
      median: stageStayStats.medianDays,
      p75: stageStayStats.p75Days,
    })
    .from(stageStayStats)
    .where(inArray(stageStayStats.stageId, o.stageIds));
  const missing = o.stageIds.filter((id) => !counted.some((c) => c.stageId === id));
  const live = missing.length > 0 ? await stayFigures(db, missing, o.where) : [];
  return [...counted.filter((c) => c.stays > 0), ...live];
}

/** Whether every live stage has a row in the table (then health reads the medians from it). */
export async function allStagesCounted(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ id: stages.id })
    .from(stages)
    .where(
      and(
        isNull(stages.deletedAt),
        sql`not exists (select 1 from ${stageStayStats} where ${stageStayStats.stageId} = ${stages.id})`,
      ),
    )
    .limit(1);
  return rows.length === 0;
}
