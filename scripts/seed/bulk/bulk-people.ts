import type { Db } from "@server/db/client";
import { findTeamByName } from "@server/modules/teams/team.repository";
import { findUserByEmail } from "@server/modules/users/user.repository";
import { buildTeam, buildUser } from "@test/factories";
import { slugify } from "@test/factories-crm";
import type { BulkOwner } from "./lead-generator";

/** Four teams of three salespeople (password: the factories' test password), created when missing. */
const BULK_TEAMS: Record<string, readonly string[]> = {
  "Bulk Nord": ["Jörg Köhler", "Hannah Groß", "Ömer Yılmaz"],
  "Bulk Süd": ["Bärbel Müller", "Lukas Hübner", "Chloé Martin"],
  "Bulk West": ["Sören Fröhlich", "Emma Schäfer", "Oliver Brown"],
  "Bulk Ost": ["Käthe Krüger", "Paul Weiß", "Grace Miller"],
};

export async function ensureBulkOwners(db: Db): Promise<{ owners: BulkOwner[]; teamIds: string[] }> {
  const owners: BulkOwner[] = [];
  const teamIds: string[] = [];
  for (const [teamName, members] of Object.entries(BULK_TEAMS)) {
    const team = (await findTeamByName(db, teamName)) ?? (await buildTeam(db, { name: teamName }));
    teamIds.push(team.id);
    for (const name of members) {
      const email = `bulk.${slugify(name).replace(/-/g, ".")}@leadwerk.test`;
      const user =
        (await findUserByEmail(db, email)) ?? (await buildUser(db, { role: "sales", team, email, name }));
      owners.push({ id: user.id, teamId: user.teamId ?? team.id });
    }
  }
  return { owners, teamIds };
}
