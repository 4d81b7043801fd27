import type { Db } from "@server/db/client";
import { users } from "@server/db/schema";
import { conflict } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { hashPassword } from "@server/modules/auth/password";
import { createDefaultPipeline } from "@server/modules/pipelines/default-pipeline";
import { insertTeam } from "@server/modules/teams/team.repository";
import { countUsers, insertUser, type UserRow } from "@server/modules/users/user.repository";
import type { Locale } from "@shared/schemas/common";
import { sql } from "drizzle-orm";

export async function needsSetup(db: Db): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

const DEFAULT_TEAM_NAME: Record<Locale, string> = { de: "Vertrieb", en: "Sales" };

/**
 * Creates the first admin, a first team and the default pipeline, only while no user exists. The table lock makes two
 * simultaneous setups (two browser tabs, two app processes) end with exactly one admin.
 */
export async function createFirstAdmin(
  db: Db,
  input: { email: string; name: string; password: string; locale?: Locale | undefined },
): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  const locale = input.locale ?? "en";
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${users} in exclusive mode`);
    if ((await countUsers(tx)) > 0) throw conflict("setup_done");
    const team = await insertTeam(tx, DEFAULT_TEAM_NAME[locale]);
    const admin = await insertUser(tx, {
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash,
      role: "admin",
      teamId: team.id,
      locale,
    });
    await audit(tx, { actor: admin }, "setup.first_admin", admin, { email: admin.email, teamId: team.id });
    // The board needs a pipeline from the first minute; named in the admin's language.
    await createDefaultPipeline(tx, locale);
    return admin;
  });
}
