import type { User } from "@shared/schemas/account";
import { createContext, use } from "react";

export const CurrentUserContext = createContext<User | null>(null);

/** The logged-in user; only valid inside the app shell, which provides it. */
export function useCurrentUser(): User {
  const user = use(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser is only available inside the app shell");
  return user;
}
