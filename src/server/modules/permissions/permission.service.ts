import {
  DEFAULT_MATRIX,
  effectiveMatrix,
  type PermissionMatrix,
} from "@domain/permissions/permission-matrix";
import { authorize } from "@server/access/authorize";
import type { PermissionStore } from "@server/access/permission-store";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import type { Role } from "@shared/schemas/common";
import {
  type EntityRights,
  PERMISSION_ENTITIES,
  type PermissionMatrixResponse,
  type RolePermissions,
} from "@shared/schemas/permissions";
import { readStoredCells, saveRoleRow } from "./permission.repository";

/** The matrix as stored (defaults where nothing is): what every process's PermissionStore reads. */
export async function readMatrix(db: DbOrTx): Promise<PermissionMatrix> {
  return effectiveMatrix(await readStoredCells(db));
}

const response = (matrix: PermissionMatrix): PermissionMatrixResponse => ({
  roles: matrix,
  defaults: { ...DEFAULT_MATRIX },
  fixedRoles: ["admin"],
});

/** `GET /permissions`: the matrix as stored now (not the process's cache), with the defaults. */
export async function getPermissions(ctx: ServiceContext): Promise<PermissionMatrixResponse> {
  authorize(ctx, "permission.manage");
  return response(await readMatrix(ctx.db));
}

/** `{ "lead.read": { from, to } }` for every cell of the row that changes. */
function cellChanges(before: RolePermissions, after: RolePermissions) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const entity of PERMISSION_ENTITIES) {
    for (const cell of Object.keys(after[entity]) as (keyof EntityRights)[]) {
      const from = before[entity][cell];
      const to = after[entity][cell];
      if (from !== to) changes[`${entity}.${cell}`] = { from, to };
    }
  }
  return changes;
}

/**
 * `PUT /permissions/{role}`: replaces one role's row (validated by rolePermissionsSchema), audited
 * cell by cell before → after. This process works with the new matrix from its next request; the
 * others within PERMISSIONS_TTL_MS (permission-store.ts).
 */
export async function updateRolePermissions(
  ctx: ServiceContext,
  store: PermissionStore,
  role: Role,
  rights: RolePermissions,
): Promise<RolePermissions> {
  authorize(ctx, "permission.manage");
  if (role === "admin") throw ruleViolation("permission_role_fixed").at("role");
  const matrix = await ctx.db.transaction(async (tx) => {
    const before = await readMatrix(tx);
    const cells = PERMISSION_ENTITIES.map((entity) => ({ entity, rights: rights[entity] }));
    await saveRoleRow(tx, role, cells, ctx.actor.id);
    const changes = cellChanges(before[role], rights);
    if (Object.keys(changes).length > 0)
      await audit(tx, ctx, "settings.permissions_changed", null, { role, changes });
    return { ...before, [role]: rights };
  });
  store.set(matrix);
  return matrix[role];
}
