import type { Role } from "@shared/schemas/common";
import {
  type EntityRights,
  PERMISSION_ENTITIES,
  type PermissionEntity,
  type RolePermissions,
} from "@shared/schemas/permissions";

/**
 * The per-role permission matrix's defaults: exactly what the product allowed before an admin could
 * change it (PRODUCT.md "People, rights, data protection"). Admins and managers do everything;
 * sales and marketing read, edit and delete their team's and their own records; marketing neither
 * deletes leads nor writes quotes (selling is sales work); everyone creates and exports what they see
 * and hands records on (to whom is the policy's `record.set_owner` rule).
 */
const EVERYTHING: EntityRights = {
  create: true,
  read: "all",
  edit: "all",
  delete: "all",
  export: true,
  changeOwner: true,
};
const TEAM: EntityRights = { ...EVERYTHING, read: "team", edit: "team", delete: "team" };
/** A quote is seen with its deal: its own Read is always `all`, Export and Change owner do not apply. */
const QUOTE_WRITER: EntityRights = { ...EVERYTHING, export: false, changeOwner: false };
const QUOTE_READER: EntityRights = { ...QUOTE_WRITER, create: false, edit: "none", delete: "none" };

const row = (rights: EntityRights, overrides: Partial<RolePermissions> = {}): RolePermissions => {
  const result = Object.fromEntries(PERMISSION_ENTITIES.map((e) => [e, rights])) as RolePermissions;
  return { ...result, quote: QUOTE_WRITER, ...overrides };
};

/** The admin's row; fixed, so no admin can lock themselves (and everyone) out. */
export const ADMIN_RIGHTS: RolePermissions = row(EVERYTHING);

export const DEFAULT_MATRIX: Readonly<Record<Role, RolePermissions>> = {
  admin: ADMIN_RIGHTS,
  manager: row(EVERYTHING),
  sales: row(TEAM),
  marketing: row(TEAM, { lead: { ...TEAM, delete: "none" }, quote: QUOTE_READER }),
};

export type PermissionMatrix = Record<Role, RolePermissions>;

/** A role's rights with the stored cells over the defaults; the admin's row is always everything. */
export function effectiveMatrix(
  stored: readonly { role: Role; entity: PermissionEntity; rights: EntityRights }[],
): PermissionMatrix {
  const matrix: PermissionMatrix = {
    admin: { ...DEFAULT_MATRIX.admin },
    manager: { ...DEFAULT_MATRIX.manager },
    sales: { ...DEFAULT_MATRIX.sales },
    marketing: { ...DEFAULT_MATRIX.marketing },
  };
  for (const cell of stored) if (cell.role !== "admin") matrix[cell.role][cell.entity] = cell.rights;
  return matrix;
}
