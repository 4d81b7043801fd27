import type { Role } from "@shared/schemas/common";

/**
 * Who may see which records (PRODUCT.md "People, rights, data protection"): admins and managers see
 * everything; sales and marketing see their own team's records and the records they own.
 * `team` therefore means "own team's or owned by me"; `own` means "owned by me" only.
 */
export type Scope = "all" | "team" | "own";
export type RecordEntity = "lead" | "contact" | "company" | "deal" | "activity";

const DEFAULT_SCOPES: Record<Role, Scope> = {
  admin: "all",
  manager: "all",
  sales: "team",
  marketing: "team",
};

export function scopeFor(role: Role, _entity: RecordEntity): Scope {
  // One scope for every entity today; the per-entity admin override plugs in here.
  return DEFAULT_SCOPES[role];
}

export interface Principal {
  id: string;
  role: Role;
  teamId: string | null;
}

export interface OwnedRecord {
  teamId: string | null;
  ownerId: string | null;
}

/** The in-memory twin of the SQL filter built by the server's permission gate. */
export function canSee(principal: Principal, entity: RecordEntity, record: OwnedRecord): boolean {
  const scope = scopeFor(principal.role, entity);
  switch (scope) {
    case "all":
      return true;
    case "team":
      return (
        record.ownerId === principal.id || (principal.teamId !== null && record.teamId === principal.teamId)
      );
    case "own":
      return record.ownerId === principal.id;
    default: {
      const unreachable: never = scope;
      return unreachable;
    }
  }
}

/** Who sees every user account (the user list); what else anyone may do is in policy/policy.ts. */
export const canReadAccounts = (p: Principal) => p.role === "admin" || p.role === "manager";
