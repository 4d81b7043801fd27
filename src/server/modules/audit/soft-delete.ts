import type { DbOrTx } from "@server/db/client";
import { RECORD_TABLES, updateRecordRow } from "@server/db/record-update";
import { companies, contacts } from "@server/db/schema";
import { type AuditContext, audit, fieldChanges } from "./audit";

/** The records that are soft-deleted: `deleted_at` hides them from every query of the permission gate. */
export type SoftDeletedEntity = keyof typeof RECORD_TABLES;

/** The records a merge folds into another. */
const MERGED = { contact: contacts, company: companies };
export type MergedEntity = keyof typeof MERGED;

/**
 * Soft-deletes a record the caller has locked and checked, as an edit (new version, so an open form
 * meets a 409), and records `<entity>.deleted`. Links to it stay, so a restore loses nothing.
 */
export async function softDelete(tx: DbOrTx, ctx: AuditContext, entity: SoftDeletedEntity, id: string) {
  await updateRecordRow(tx, RECORD_TABLES[entity], id, { deletedAt: new Date() });
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
  await updateRecordRow(tx, MERGED[entity], loser.id, { deletedAt: new Date(), mergedIntoId: survivor.id });
  await audit(tx, ctx, `${entity}.merged`, survivor, {
    loserId: loser.id,
    fields: merge.choices,
    moved,
    ...fieldChanges(survivor, merged, audited),
  });
  await audit(tx, ctx, `${entity}.merged_into`, loser, { survivorId: survivor.id, moved });
}
