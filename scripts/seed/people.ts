/** The demo's users, teams and pipeline: existing ones are kept, missing ones created. */
import { DEFAULT_PIPELINE_TEMPLATE } from "@domain/deals/default-pipeline";
import type { DbOrTx, Tx } from "@server/db/client";
import { pipelines, stages, users } from "@server/db/schema";
import { DEMO_USERS, type Language, pick, TEAM_NAMES, type TeamKey } from "@server/modules/seed/demo-data";
import { findTeamById, findTeamByName, type TeamRow } from "@server/modules/teams/team.repository";
import { findUserByEmail, insertUser, type UserRow } from "@server/modules/users/user.repository";
import { buildTeam } from "@test/factories";
import { buildPipeline, type StageRow } from "@test/factories-crm";
import { and, asc, desc, eq, isNull } from "drizzle-orm";

export const DEMO_PASSWORD = "leadwerk-demo";
export const ADMIN_EMAIL = "admin@leadwerk.test";

export interface People {
  admin: UserRow | undefined;
  adminCreated: boolean;
  teams: Record<TeamKey, TeamRow>;
  manager: UserRow;
  marketing: UserRow;
  sales: Record<"nord" | "sued", UserRow[]>;
}

export async function ensureTeam(tx: DbOrTx, name: string): Promise<TeamRow> {
  return (await findTeamByName(tx, name)) ?? buildTeam(tx, { name });
}

/** Keeps an existing admin and first team; otherwise creates them like the first-run setup does. */
/** `locale`: the language of new teams' names and of the admin and demo users (Emily stays English). */
export async function ensurePeople(tx: Tx, passwordHash: string, locale: Language = "de"): Promise<People> {
  const [firstUser] = await tx.select().from(users).orderBy(asc(users.createdAt)).limit(1);
  const [admin] = await tx
    .select()
    .from(users)
    .where(eq(users.role, "admin"))
    .orderBy(asc(users.createdAt))
    .limit(1);
  const adminTeam = admin?.teamId ? await findTeamById(tx, admin.teamId) : undefined;
  const main = adminTeam ?? (await ensureTeam(tx, pick(TEAM_NAMES.main, locale)));
  let createdAdmin: UserRow | undefined;
  if (!firstUser) {
    createdAdmin = await insertUser(tx, {
      email: ADMIN_EMAIL,
      name: "Admin",
      passwordHash,
      role: "admin",
      teamId: main.id,
      locale,
    });
  }
  const teams = {
    main,
    nord: await ensureTeam(tx, pick(TEAM_NAMES.nord, locale)),
    sued: await ensureTeam(tx, pick(TEAM_NAMES.sued, locale)),
  };
  const demo: UserRow[] = [];
  for (const u of DEMO_USERS) {
    const existing = await findUserByEmail(tx, u.email);
    demo.push(
      existing ??
        (await insertUser(tx, {
          ...u,
          locale: locale === "en" ? "en" : u.locale,
          passwordHash,
          teamId: teams[u.team].id,
        })),
    );
  }
  const [manager, nord1, nord2, sued1, sued2, marketing] = demo;
  if (!manager || !nord1 || !nord2 || !sued1 || !sued2 || !marketing) throw new Error("demo users missing");
  return {
    admin: admin ?? createdAdmin,
    adminCreated: createdAdmin !== undefined,
    teams,
    manager,
    marketing,
    sales: { nord: [nord1, nord2], sued: [sued1, sued2] },
  };
}

/** The default pipeline (created with PRODUCT.md's stages when there is none) and its ordered stages. */
/** The demo's pipeline: the existing default one as it is, else the default template in `locale`. */
export async function ensurePipeline(tx: Tx, locale: Language = "de"): Promise<StageRow[]> {
  const [existing] = await tx
    .select()
    .from(pipelines)
    .where(isNull(pipelines.deletedAt))
    .orderBy(desc(pipelines.isDefault), asc(pipelines.position), asc(pipelines.createdAt))
    .limit(1);
  if (!existing) {
    const template = DEFAULT_PIPELINE_TEMPLATE[locale];
    return (await buildPipeline(tx, { isDefault: true, name: template.name, stages: template.stages }))
      .stages;
  }
  const rows = await tx
    .select()
    .from(stages)
    .where(and(eq(stages.pipelineId, existing.id), isNull(stages.deletedAt)))
    .orderBy(asc(stages.position));
  if (rows.length === 0) throw new Error(`Pipeline "${existing.name}" has no stages; add some or remove it.`);
  return rows;
}
