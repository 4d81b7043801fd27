import type { DbOrTx } from "@server/db/client";
import { updateRecordRow } from "@server/db/record-update";
import { contacts, dealContacts, dealStageHistory, deals, stages } from "@server/db/schema";
import { and, asc, eq, inArray, isNull, max, type SQL, sql } from "drizzle-orm";

export type DealRow = typeof deals.$inferSelect;
export type NewDealRow = typeof deals.$inferInsert;

/** The open, live cards of one board column. */
export const columnOf = (stageId: string) =>
  and(eq(deals.stageId, stageId), eq(deals.status, "open"), isNull(deals.deletedAt));

export async function insertDeal(db: DbOrTx, values: NewDealRow): Promise<DealRow> {
  const [row] = await db.insert(deals).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Locks the row for the rest of the transaction, so concurrent edits queue instead of interleaving. */
export async function findDealForUpdate(db: DbOrTx, id: string, visible: SQL): Promise<DealRow | undefined> {
  const [row] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.id, id), visible))
    .for("update");
  return row;
}

/** The stage a visible deal is in, read without a lock (to take the column lock first). */
export async function findDealStageId(db: DbOrTx, id: string, visible: SQL): Promise<string | undefined> {
  const [row] = await db
    .select({ stageId: deals.stageId })
    .from(deals)
    .where(and(eq(deals.id, id), visible));
  return row?.stageId;
}

export const updateDealRow = (db: DbOrTx, id: string, values: Partial<NewDealRow>): Promise<DealRow> =>
  updateRecordRow(db, deals, id, values);

/** The highest position in a column, null when it is empty. */
export async function lastPositionInColumn(db: DbOrTx, stageId: string): Promise<number | null> {
  const [row] = await db
    .select({ last: max(deals.position) })
    .from(deals)
    .where(columnOf(stageId));
  return row?.last ?? null;
}

/**
 * Positions of a column's cards in order, without `exceptId` (the card being moved), each marked
 * whether the caller can see it (indexes count visible cards; renumbering covers all).
 */
export async function columnPositions(
  db: DbOrTx,
  stageId: string,
  exceptId: string,
  visible: SQL,
): Promise<{ id: string; position: number; visible: boolean }[]> {
  return db
    .select({ id: deals.id, position: deals.position, visible: sql<boolean>`coalesce((${visible}), false)` })
    .from(deals)
    .where(and(columnOf(stageId), sql`${deals.id} <> ${exceptId}`))
    .orderBy(asc(deals.position), asc(deals.id));
}

/**
 * The two cards a drop lands between when the caller names the card it lands after: that card
 * (with whether the caller sees it) and the next card of the whole column behind it, or, for
 * `afterDealId` null, the column's first card. Two index reads of `deals_board_idx` however long the
 * column is, instead of every position of it (#21 point 3: a drop into a column of thousands).
 */
export async function dropNeighbours(
  db: DbOrTx,
  column: { pipelineId: string; stageId: string },
  exceptId: string,
  afterDealId: string | null,
  visible: SQL,
): Promise<{ before: { id: string; position: number; visible: boolean } | null; next: number | null }> {
  const inColumn = and(
    eq(deals.pipelineId, column.pipelineId),
    columnOf(column.stageId),
    sql`${deals.id} <> ${exceptId}`,
  );
  let before: { id: string; position: number; visible: boolean } | null = null;
  if (afterDealId !== null) {
    const [row] = await db
      .select({
        id: deals.id,
        position: deals.position,
        visible: sql<boolean>`coalesce((${visible}), false)`,
      })
      .from(deals)
      .where(and(inColumn, eq(deals.id, afterDealId)));
    if (!row) return { before: null, next: null };
    before = row;
  }
  const behind = before
    ? sql`${deals.position} >= ${before.position} and (${deals.position} > ${before.position} or ${deals.id} > ${before.id})`
    : undefined;
  const [next] = await db
    .select({ position: deals.position })
    .from(deals)
    .where(and(inColumn, behind))
    .orderBy(asc(deals.position), asc(deals.id))
    .limit(1);
  return { before, next: next?.position ?? null };
}

/** Rewrites positions (renumbering a column); not a user-visible change, so version stays. */
export async function setPositions(db: DbOrTx, rows: { id: string; position: number }[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(cast(${r.id} as uuid), cast(${r.position} as double precision))`),
    sql`, `,
  );
  await db.execute(
    sql`update ${deals} set position = v.position from (values ${values}) as v(id, position) where ${deals.id} = v.id`,
  );
}

// --- contacts of a deal --------------------------------------------------------------------------

export interface DealContactLink {
  contactId: string;
  isPrimary: boolean;
}

/** Which of `ids` exist and are visible (under the contacts' own permission gate). */
export async function visibleContactIds(db: DbOrTx, ids: string[], visible: SQL): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(inArray(contacts.id, ids), visible));
  return new Set(rows.map((r) => r.id));
}

export async function replaceDealContacts(db: DbOrTx, dealId: string, links: DealContactLink[]) {
  await db.delete(dealContacts).where(eq(dealContacts.dealId, dealId));
  if (links.length > 0) await db.insert(dealContacts).values(links.map((l) => ({ dealId, ...l })));
}

export async function dealContactIds(db: DbOrTx, dealId: string): Promise<DealContactLink[]> {
  return db
    .select({ contactId: dealContacts.contactId, isPrimary: dealContacts.isPrimary })
    .from(dealContacts)
    .where(eq(dealContacts.dealId, dealId));
}

// --- stage history -------------------------------------------------------------------------------

export async function openStageHistory(
  db: DbOrTx,
  entry: { dealId: string; stageId: string; enteredAt: Date; movedBy: string | null },
): Promise<void> {
  await db.insert(dealStageHistory).values(entry);
}

/** Closes the deal's open history row (the stage it is leaving). */
export async function closeStageHistory(db: DbOrTx, dealId: string, leftAt: Date): Promise<void> {
  await db
    .update(dealStageHistory)
    .set({ leftAt })
    .where(and(eq(dealStageHistory.dealId, dealId), isNull(dealStageHistory.leftAt)));
}

/** A deal's stays in stages, oldest first, with the stage names. */
export async function stageHistoryOf(db: DbOrTx, dealId: string) {
  return db
    .select({
      stageId: dealStageHistory.stageId,
      stageName: stages.name,
      enteredAt: dealStageHistory.enteredAt,
      leftAt: dealStageHistory.leftAt,
      movedBy: dealStageHistory.movedBy,
    })
    .from(dealStageHistory)
    .innerJoin(stages, eq(stages.id, dealStageHistory.stageId))
    .where(eq(dealStageHistory.dealId, dealId))
    .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id));
}
