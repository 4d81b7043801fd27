import { scopeFor } from "@domain/access-policy";
import type { Actor } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { dealStageHistory, deals, stageStayScopeStats, stageStayStats, stages } from "@server/db/schema";
import { and, eq, gt, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { days, stayFigures } from "./report.repository";

/*
 * Time in stage, pre-aggregated (#18). percentile_cont has to sort every finished stay of a stage, which
 * at 200k deals (~600k stays) took seconds on each pipeline, health, dashboard and board request. The
 * `stage-stay-stats` job recounts all stages every few minutes: over all deals into stage_stay_stats,
 * and per owner and per team into stage_stay_scope_stats. A reader whose deals are exactly one of
 * those sets (a manager: all; a salesperson: their team's, or their own) reads rows; a filter
 * narrowing the deals (team, owner, source), a salesperson who also owns deals outside their team, and
 * a stage the job has not counted yet (created since its last run, a new installation) count live.
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
    await tx.delete(stageStayScopeStats);
    // Per owner and per team in one pass over the stays (grouping sets); deals without an owner or a
    // team leave out that scope's row.
    await tx.execute(sql`
      insert into ${stageStayScopeStats} (stage_id, scope, scope_id, stays, median_days, p75_days, computed_at)
      select stage_id, scope, scope_id, stays, median_days, p75_days, ${now.toISOString()}::timestamptz
      from (
        select h.stage_id,
          case when grouping(d.owner_id) = 0 then 'owner' else 'team' end as scope,
          case when grouping(d.owner_id) = 0 then d.owner_id else d.team_id end as scope_id,
          count(*)::int as stays,
          (percentile_cont(0.5) within group (order by ${stay}))::float8 as median_days,
          (percentile_cont(0.75) within group (order by ${stay}))::float8 as p75_days
        from ${dealStageHistory} h
        join ${deals} d on d.id = h.deal_id and d.deleted_at is null
        where h.left_at is not null
        group by grouping sets ((h.stage_id, d.owner_id), (h.stage_id, d.team_id))
      ) counted
      where scope_id is not null`);
  });
}

/** Whose finished stays a reader's figures rest on: everyone's, one owner's or one team's. */
export type StayScope = { kind: "all" } | { kind: "owner" | "team"; id: string };

/**
 * The scope of the figures a reader sees without a filter, i.e. of their permission gate; null when
 * only a live count is exact: a salesperson of a team who also owns deals outside it sees the union
 * of two scopes, whose median no row holds.
 */
export async function readerStayScope(db: DbOrTx, actor: Actor): Promise<StayScope | null> {
  const scope = scopeFor(actor, "deal");
  if (scope === "all") return { kind: "all" };
  if (scope === "own" || (scope === "team" && !actor.teamId)) return { kind: "owner", id: actor.id };
  if (scope !== "team" || !actor.teamId) return null;
  // Counted from deals_owner_idx (owner_id, team_id) alone, deleted deals included (they only make the
  // answer "live", which is exact too): an EXISTS … LIMIT 1 drew a sequential scan, the planner
  // expecting a quick hit among other teams' deals where the owner's deals are all in theirs.
  const [outside] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deals)
    .where(
      and(
        eq(deals.ownerId, actor.id),
        or(lt(deals.teamId, actor.teamId), gt(deals.teamId, actor.teamId), isNull(deals.teamId)),
      ),
    );
  return (outside?.n ?? 0) === 0 ? { kind: "team", id: actor.teamId } : null;
}

/**
 * The stages' stay figures over `where` (the reader's gate and filters on deals): from the tables when
 * `scope` says whose deals `where` selects (see readerStayScope), else, and for stages not counted yet
 * (created since the job's last run, or a new installation), live.
 */
export async function stageStays(
  db: DbOrTx,
  o: { stageIds: string[]; where: SQL[]; scope: StayScope | null },
): Promise<StayFigure[]> {
  if (o.stageIds.length === 0) return [];
  if (!o.scope) return stayFigures(db, o.stageIds, o.where);
  const all = await db
    .select({
      stageId: stageStayStats.stageId,
      stays: stageStayStats.stays,
      median: stageStayStats.medianDays,
      p75: stageStayStats.p75Days,
    })
    .from(stageStayStats)
    .where(inArray(stageStayStats.stageId, o.stageIds));
  const { scope } = o;
  const counted =
    scope.kind === "all"
      ? all
      : await db
          .select({
            stageId: stageStayScopeStats.stageId,
            stays: stageStayScopeStats.stays,
            median: stageStayScopeStats.medianDays,
            p75: stageStayScopeStats.p75Days,
          })
          .from(stageStayScopeStats)
          .where(
            and(
              eq(stageStayScopeStats.scope, scope.kind),
              eq(stageStayScopeStats.scopeId, scope.id),
              inArray(stageStayScopeStats.stageId, o.stageIds),
            ),
          );
  // A stage the job counted has its all-deals row; without a scope row its stays there are none.
  const missing = o.stageIds.filter((id) => !all.some((c) => c.stageId === id));
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
