import type { TeamRow } from "@server/modules/teams/team.repository";
import type { Role } from "@shared/schemas/common";
import { Client, type TestApp } from "./app";
import { buildTeam, buildUser } from "./factories";

/** A logged-in browser-like client for a new user of the given role (and team). */
export async function signedIn(t: TestApp, role: Role, team?: TeamRow | null) {
  const user = await buildUser(t.database.db, { role, ...(team !== undefined ? { team } : {}) });
  const client = new Client(t.app);
  await client.login(user.email, user.password);
  return { user, client };
}

export const ALL_MET = {
  budget: { state: "met", amount: "25000", currency: "EUR" },
  authority: { state: "met", detail: "Head of purchasing" },
  need: { state: "met", detail: "Replace spreadsheets" },
  timeline: { state: "met", date: "2027-03-31" },
} as const;

export async function teamWithSales(t: TestApp) {
  const team = await buildTeam(t.database.db);
  return { team, ...(await signedIn(t, "sales", team)) };
}
