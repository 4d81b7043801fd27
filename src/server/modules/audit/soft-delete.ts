import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";
import { type AuditContext, audit, fieldChanges } from "./audit";

/** The records that are soft-deleted: `deleted_at` hides them from every query of the permission gate. */
const SOFT_DELETED = {
  lead: leads,
  contact: contacts,
  company: companies,
  deal: deals,
  activity: activities,
};
export type SoftDeletedEntity = keyof typeof SOFT_DELETED;

/** The records a merge folds into another. */
const MERGED = { contact: contacts, company: companies };
export type MergedEntity = keyof typeof MERGED;

/**
 * Soft-deletes a record the caller has locked and checked, as an edit (new version, so an open form
 * meets a 409), and records `<entity>.deleted`. Links to it stay, so a restore loses nothing.
 */
export async function softDelete(tx: DbOrTx, ctx: AuditContext, entity: SoftDeletedEntity, id: string) {
  const table = SOFT_DELETED[entity];
  const now = new Date();
  await tx
    .update(table)
    .set({ deletedAt: now, version: sql`${table.version} + 1`, updatedAt: now })
    .where(eq(table.id, id));
  await audit(tx, ctx, `${entity}.deleted`, { id });
}

/**
 * The end of a merge whose links have moved: the loser soft-deleted with `merged_into_id` (a GET of
 * it then points to the survivor), `<entity>.merged` on the survivor with the choices, what moved and
 * the audited fields that changed, and `<entity>.merged_into` on the loser.
 */
export async function softDeleteMerged<Row extends { id: string }>(
  tx: DbOrTx,
  ctx: AuditContext,
  entity: MergedEntity,
  merge: { survivor: Row; merged: Row; loser: { id: string }; choices: unknown; moved: unknown },
  audited: readonly (keyof Row & string)[],
) {
  const { survivor, merged, loser, moved } = merge;
  const table = MERGED[entity];
  const now = new Date();
  await tx
    .update(table)
    .set({ deletedAt: now, mergedIntoId: survivor.id, version: sql`${table.version} + 1`, updatedAt: now })
    .where(eq(table.id, loser.id));
  await audit(tx, ctx, `${entity}.merged`, survivor, {
    loserId: loser.id,
    fields: merge.choices,
    moved,
    ...fieldChanges(survivor, merged, audited),
  });
  await audit(tx, ctx, `${entity}.merged_into`, loser, { survivorId: survivor.id, moved });
}
