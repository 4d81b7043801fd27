import { homeCountryOf } from "@domain/addresses/address-block";
import type { DbOrTx } from "@server/db/client";
import { pipelines, stages, teams, users } from "@server/db/schema";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import { HOME_LOOKUP, type Lookups } from "./cell-format";

const asMap = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));

/**
 * The names an export writes instead of ids: users, teams, pipelines and stages. These tables stay
 * small (people and configuration, not records), so each is read once per export.
 */
export async function loadExportLookups(db: DbOrTx): Promise<Lookups> {
  const [userRows, teamRows, pipelineRows, stageRows, letterhead] = await Promise.all([
    db.select({ id: users.id, name: users.name }).from(users),
    db.select({ id: teams.id, name: teams.name }).from(teams),
    db.select({ id: pipelines.id, name: pipelines.name }).from(pipelines),
    db.select({ id: stages.id, name: stages.name }).from(stages),
    readLetterhead(db),
  ]);
  return {
    users: asMap(userRows),
    teams: asMap(teamRows),
    pipelines: asMap(pipelineRows),
    stages: asMap(stageRows),
    // Address columns leave out the country line for addresses in the sender's country (DIN 5008).
    [HOME_LOOKUP]: new Map([[HOME_LOOKUP, homeCountryOf(letterhead.country)]]),
  };
}
