import { DEFAULT_MATRIX } from "@domain/permissions/permission-matrix";
import type { Role } from "@shared/schemas/common";
import type { OwnedEntity, RolePermissions, Scope } from "@shared/schemas/permissions";

/**
 * Who may see which records (PRODUCT.md "People, rights, data protection"), by the per-role
 * permission matrix (domain/permissions/permission-matrix.ts, changed in Settings → Permissions):
 * by default admins and managers see everything; sales and marketing their own team's records and
 * the records they own. `team` therefore means "own team's or owned by me"; `own` means "owned by me"
 * only; `none` nothing.
 */
export type { Scope };
export type RecordEntity = OwnedEntity;
/** Which of a record's scoped rights is asked: seeing it (the gate), changing it, deleting it. */
export type ScopedRight = "read" | "edit" | "delete";

export interface Principal {
  id: string;
  role: Role;
  teamId: string | null;
  /**
   * The role's row of the stored matrix, as the server read it for this request (permission-store.ts);
   * absent: the defaults (a principal built in a test or a job).
   */
  permissions?: RolePermissions;
}

/** The actor's rights per entity: their role's row of the matrix. */
export function rightsOf(who: Role | Principal): RolePermissions {
  if (typeof who === "string") return DEFAULT_MATRIX[who];
  return who.permissions ?? DEFAULT_MATRIX[who.role];
}

/** The scope of one right (by default Read, the permission gate's) of a role or actor on an entity. */
export function scopeFor(who: Role | Principal, entity: RecordEntity, right: ScopedRight = "read"): Scope {
  return rightsOf(who)[entity][right];
}

export interface OwnedRecord {
  teamId: string | null;
  ownerId: string | null;
}

/** The in-memory twin of the SQL filter built by the server's permission gate. */
export function canSee(principal: Principal, entity: RecordEntity, record: OwnedRecord): boolean {
  return inScope(principal, scopeFor(principal, entity), record);
}

/** Whether a record lies within a scope of the principal (the record is one they see). */
export function inScope(principal: Principal, scope: Scope, record: OwnedRecord): boolean {
  switch (scope) {
    case "all":
      return true;
    case "team":
      return (
        record.ownerId === principal.id || (principal.teamId !== null && record.teamId === principal.teamId)
      );
    case "own":
      return record.ownerId === principal.id;
    case "none":
      return false;
    default: {
      const unreachable: never = scope;
      return unreachable;
    }
  }
}

/** Who sees every user account (the user list); what else anyone may do is in policy/policy.ts. */
export const canReadAccounts = (p: Principal) => p.role === "admin" || p.role === "manager";
