import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";
import { type AuditContext, audit } from "./audit";

/** The records that are soft-deleted: `deleted_at` hides them from every query of the permission gate. */
const SOFT_DELETED = {
  lead: leads,
  contact: contacts,
  company: companies,
  deal: deals,
  activity: activities,
};
export type SoftDeletedEntity = keyof typeof SOFT_DELETED;

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
