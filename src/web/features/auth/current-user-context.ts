import type { AccountAbilities } from "@domain/policy/policy";
import type { User } from "@shared/schemas/account";
import type { RolePermissions } from "@shared/schemas/permissions";
import { createContext, use } from "react";

/**
 * The logged-in user with what they may do beyond single records, as the server's policy says
 * (`GET /me`). Buttons and pages ask `abilities`, never the role: a record's own actions come with
 * the record (`lead.abilities.delete`).
 */
export interface CurrentUser extends User {
  abilities: AccountAbilities;
  /** An admin setting asks this admin to set up two-factor first (the app sends them to Security). */
  twoFactorSetupRequired: boolean;
  /** The role's row of the permission matrix: New, Export and the owner picker show by it. */
  permissions: RolePermissions;
}

export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The logged-in user; only valid inside the app shell, which provides it. */
export function useCurrentUser(): CurrentUser {
  const user = use(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser is only available inside the app shell");
  return user;
}
