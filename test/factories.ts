import type { Db } from "@server/db/client";
import { hashPassword } from "@server/modules/auth/password";
import { insertTeam, type TeamRow } from "@server/modules/teams/team.repository";
import { insertUser, type UserRow } from "@server/modules/users/user.repository";
import type { Role } from "@shared/schemas/common";

let sequence = 0;
const next = () => ++sequence;

/** Factories create what they need and accept overrides (STYLE rule 8); shared by tests and seed scripts. */
export async function buildTeam(db: Db, overrides: { name?: string } = {}): Promise<TeamRow> {
  return insertTeam(db, overrides.name ?? `Team ${next()}`);
}

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;

export async function buildUser(
  db: Db,
  overrides: { role?: Role; team?: TeamRow | null; email?: string; name?: string; active?: boolean } = {},
): Promise<UserRow & { password: string }> {
  const n = next();
  const team = overrides.team === undefined ? await buildTeam(db) : overrides.team;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const row = await insertUser(db, {
    email: overrides.email ?? `user${n}-${Date.now()}@example.com`,
    name: overrides.name ?? `User ${n}`,
    passwordHash: await passwordHash,
    role: overrides.role ?? "sales",
    teamId: team?.id ?? null,
    active: overrides.active ?? true,
  });
  return { ...row, password: TEST_PASSWORD };
}
