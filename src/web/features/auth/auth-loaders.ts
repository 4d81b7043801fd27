import { queryClient } from "@web/api/query-client";
import { openLiveEvents } from "@web/lib/live-events";
import { type LoaderFunctionArgs, redirect } from "react-router";
import { loginPath, safeNextPath, sessionQuery, setupStatusQuery } from "./session";

async function needsSetup(): Promise<boolean> {
  return (await queryClient.ensureQueryData(setupStatusQuery)).needsSetup;
}

/** Guards the app shell: setup first, then a session. */
export async function requireSessionLoader({ request }: LoaderFunctionArgs) {
  if (await needsSetup()) throw redirect("/setup");
  const user = await queryClient.ensureQueryData(sessionQuery);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(loginPath(url.pathname + url.search));
  }
  // "Require two-factor for admins": such an admin works on only after setting it up.
  if (user.twoFactorSetupRequired && new URL(request.url).pathname !== SECURITY_PATH) {
    throw redirect(SECURITY_PATH);
  }
  // Before the page's own requests, so that they need not be repeated when it opens (live-events.ts).
  openLiveEvents();
  return null;
}

export const SECURITY_PATH = "/settings/security";

export async function setupLoader() {
  if (!(await needsSetup())) throw redirect("/login");
  return null;
}

export async function loginLoader({ request }: LoaderFunctionArgs) {
  if (await needsSetup()) throw redirect("/setup");
  const user = await queryClient.ensureQueryData(sessionQuery);
  if (user) throw redirect(safeNextPath(new URL(request.url).searchParams.get("next")));
  return null;
}
