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

/** The oldest transaction still running: every change it or a later one makes has a txid at or above this. */
const horizon = sql`pg_snapshot_xmin(pg_current_snapshot())`;

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
