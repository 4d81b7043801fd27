import type { DbOrTx } from "@server/db/client";
import { recordChanges } from "@server/db/schema";
import type { OwnedEntity } from "@shared/schemas/permissions";
import { and, asc, eq, gte, sql } from "drizzle-orm";

/** A position in an entity's change feed: after the change (txid, seq). */
export interface FeedPosition {
  txid: string;
  seq: number;
}

export interface ChangeRow {
  seq: number;
  txid: string;
  recordId: string;
  ownerId: string | null;
  teamId: string | null;
  prevOwnerId: string | null;
  prevTeamId: string | null;
  deleted: boolean;
  mergedIntoId: string | null;
}

/**
 * The oldest transaction still running that may write here: every change it or a later one makes has
 * a txid at or above this. Transaction ids are the whole server's, so a plain
 * `pg_snapshot_xmin(pg_current_snapshot())` would let a long transaction in ANOTHER database of the
 * same server (another app, a dump, a test file beside this one) hold the feed back until it ends.
 * So the running ids of the statement's snapshot are taken, leaving out only those that
 * pg_stat_activity positively shows running in another database; an id it cannot place (a session
 * of another role, one that ended in between, a background process) still holds the horizon, so the
 * feed may lag but never skips. Without running ids: the snapshot's xmax, the next id to be given.
 */
const horizon = sql`(
  with s as materialized (select pg_current_snapshot() as snap)
  select coalesce(
    (select min(x) from s, pg_snapshot_xip(s.snap) as x
      where not exists (
        select 1 from pg_stat_activity a
        where a.datname <> current_database()
          and a.backend_xid::text::bigint = (x::text::numeric % 4294967296)::bigint)),
    (select pg_snapshot_xmax(snap) from s)))`;

/**
 * Up to `limit` changes after `after`, in (txid, seq) order, and only of finished transactions below
 * the horizon. Why not updated_at or seq alone: a transaction that took its value early and commits
 * late would land behind a cursor already handed out and be skipped for good. Below the horizon no
 * transaction can add a change any more, so the order handed out is final.
 */
export async function readChanges(
  db: DbOrTx,
  input: { entity: OwnedEntity; after: FeedPosition; limit: number },
): Promise<ChangeRow[]> {
  return db
    .select({
      seq: recordChanges.seq,
      txid: sql<string>`${recordChanges.txid}::text`,
      recordId: recordChanges.recordId,
      ownerId: recordChanges.ownerId,
      teamId: recordChanges.teamId,
      prevOwnerId: recordChanges.prevOwnerId,
      prevTeamId: recordChanges.prevTeamId,
      deleted: recordChanges.deleted,
      mergedIntoId: recordChanges.mergedIntoId,
    })
    .from(recordChanges)
    .where(
      and(
        eq(recordChanges.entity, input.entity),
        sql`(${recordChanges.txid}, ${recordChanges.seq}) > (${input.after.txid}::xid8, ${input.after.seq}::bigint)`,
        sql`${recordChanges.txid} < ${horizon}`,
      ),
    )
    .orderBy(asc(recordChanges.txid), asc(recordChanges.seq))
    .limit(input.limit);
}

/**
 * Where a sync "since this time" starts: before the first change made at or after `since`, or at the
 * horizon when that is earlier (a transaction running now may still add changes of that time).
 */
export async function positionAt(db: DbOrTx, entity: OwnedEntity, since: Date): Promise<FeedPosition> {
  const [first] = await db
    .select({ txid: sql<string>`${recordChanges.txid}::text` })
    .from(recordChanges)
    .where(and(eq(recordChanges.entity, entity), gte(recordChanges.changedAt, since)))
    .orderBy(asc(recordChanges.txid))
    .limit(1);
  const result = await db.execute(
    first
      ? sql`select least(${first.txid}::xid8, ${horizon})::text as txid`
      : sql`select ${horizon}::text as txid`,
  );
  const [row] = (result as unknown as { rows: { txid: string }[] }).rows;
  return { txid: String(row?.txid ?? "0"), seq: 0 };
}
