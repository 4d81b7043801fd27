import type { DbOrTx } from "@server/db/client";
import { rolePermissions } from "@server/db/schema";
import type { EntityRights, PermissionEntity } from "@shared/schemas/permissions";
import { sql } from "drizzle-orm";

export type StoredRole = "manager" | "sales" | "marketing";
export interface StoredCell {
  role: StoredRole;
  entity: PermissionEntity;
  rights: EntityRights;
}

/** Every stored cell (the table holds at most 3 roles × 6 entities). */
export async function readStoredCells(db: DbOrTx): Promise<StoredCell[]> {
  const rows = await db.select().from(rolePermissions);
  return rows.map((row) => ({
    role: row.role,
    entity: row.entity,
    rights: {
      create: row.canCreate,
      read: row.readScope,
      edit: row.editScope,
      delete: row.deleteScope,
      export: row.canExport,
      changeOwner: row.canChangeOwner,
    },
  }));
}

/**
 * Writes a role's whole row, one upsert per entity, so two admins saving at once end with one of
 * their rows (the later) rather than a key conflict.
 */
export async function saveRoleRow(
  db: DbOrTx,
  role: StoredRole,
  cells: readonly { entity: PermissionEntity; rights: EntityRights }[],
  updatedBy: string,
): Promise<void> {
  if (cells.length === 0) return;
  await db
    .insert(rolePermissions)
    .values(
      cells.map(({ entity, rights }) => ({
        role,
        entity,
        canCreate: rights.create,
        readScope: rights.read,
        editScope: rights.edit,
        deleteScope: rights.delete,
        canExport: rights.export,
        canChangeOwner: rights.changeOwner,
        updatedBy,
      })),
    )
    .onConflictDoUpdate({
      target: [rolePermissions.role, rolePermissions.entity],
      set: {
        canCreate: sql`excluded.can_create`,
        readScope: sql`excluded.read_scope`,
        editScope: sql`excluded.edit_scope`,
        deleteScope: sql`excluded.delete_scope`,
        canExport: sql`excluded.can_export`,
        canChangeOwner: sql`excluded.can_change_owner`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`now()`,
      },
    });
}
