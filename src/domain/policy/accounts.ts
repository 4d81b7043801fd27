import type { Role } from "@shared/schemas/common";

/**
 * Whether a change to a user takes an active admin away (demotes or deactivates one). The service
 * refuses it when that admin is the last active one: someone must always be able to manage accounts.
 */
export function takesAwayAnAdmin(
  user: { role: string; active: boolean },
  change: { role?: Role | undefined; active?: boolean | undefined },
): boolean {
  const isActiveAdmin = user.role === "admin" && user.active;
  return isActiveAdmin && (change.active === false || (change.role !== undefined && change.role !== "admin"));
}
