import type { DbOrTx } from "@server/db/client";
import { pipelines, stages, teams, users } from "@server/db/schema";
import type { Lookups } from "./cell-format";

const asMap = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));

/**
 * The names an export writes instead of ids: users, teams, pipelines and stages. These tables stay
 * small (people and configuration, not records), so each is read once per export.
 */
export async function loadExportLookups(db: DbOrTx): Promise<Lookups> {
  const [userRows, teamRows, pipelineRows, stageRows] = await Promise.all([
    db.select({ id: users.id, name: users.name }).from(users),
    db.select({ id: teams.id, name: teams.name }).from(teams),
    db.select({ id: pipelines.id, name: pipelines.name }).from(pipelines),
    db.select({ id: stages.id, name: stages.name }).from(stages),
  ]);
  return {
    users: asMap(userRows),
    teams: asMap(teamRows),
    pipelines: asMap(pipelineRows),
    stages: asMap(stageRows),
  };
}
