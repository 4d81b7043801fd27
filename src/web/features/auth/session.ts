import type { SessionResponse as Session } from "@shared/schemas/account";
import { queryOptions } from "@tanstack/react-query";
import { isApiError, setCsrfToken } from "@web/api/api-client";
import { queryClient } from "@web/api/query-client";
import { i18n, i18nReady } from "@web/i18n/i18n";
import { authApi } from "./auth-api";
import type { CurrentUser } from "./current-user-context";

const SESSION_KEY = "session";
const SETUP_STATUS_KEY = "setup-status";

function applySession(session: Session): CurrentUser {
  setCsrfToken(session.csrfToken);
  // The user's saved language wins over the browser's once we know who is logged in. Only after the
  // language set-up is done: the router's loaders ask for the session while i18next still loads the
  // browser's language, and should the user's catalogue arrive first, that earlier load ends last and
  // i18next switches back to it (a German user saw an English page).
  const { locale } = session.user;
  void i18nReady.then(() => (i18n.language === locale ? undefined : i18n.changeLanguage(locale)));
  return {
    ...session.user,
    abilities: session.abilities,
    permissions: session.permissions,
    twoFactorSetupRequired: session.twoFactorSetupRequired,
  };
}

/** The logged-in user, or null when nobody is (a 401 from /me is an answer here, not an error). */
export const sessionQuery = queryOptions({
  queryKey: [SESSION_KEY],
  queryFn: async (): Promise<CurrentUser | null> => {
    try {
      return applySession(await authApi.me());
    } catch (error) {
      if (!isApiError(error, 401)) throw error;
      setCsrfToken(null);
      return null;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
});

export const setupStatusQuery = queryOptions({
  queryKey: [SETUP_STATUS_KEY],
  queryFn: authApi.setupStatus,
  staleTime: Number.POSITIVE_INFINITY,
});

/** Call with every session answer (setup, login, PATCH /me): it carries the user and a CSRF token. */
export function startSession(session: Session): void {
  queryClient.setQueryData(sessionQuery.queryKey, applySession(session));
}

export function markSetupDone(): void {
  queryClient.setQueryData(setupStatusQuery.queryKey, { needsSetup: false });
}

/** Forgets the session and everything loaded with it, so the next user starts clean. */
export function endSession(): void {
  setCsrfToken(null);
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== SESSION_KEY && query.queryKey[0] !== SETUP_STATUS_KEY,
  });
  queryClient.setQueryData(sessionQuery.queryKey, null);
}

/** Where to go after login; only same-app paths, so `?next=` cannot send anyone off-site. */
export function safeNextPath(next: string | null): string {
  if (
    !next?.startsWith("/") ||
    next.startsWith("//") ||
    next.startsWith("/login") ||
    next.startsWith("/setup") ||
    next.startsWith("/forgot-password") ||
    next.startsWith("/reset-password")
  ) {
    return "/";
  }
  return next;
}

export function loginPath(next?: string): string {
  return next && next !== "/" ? `/login?${new URLSearchParams({ next })}` : "/login";
}
