import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { isUniqueViolation } from "@server/db/errors";
import { decodeCursor, toPage } from "@server/db/keyset";
import { conflict, notFound, staleVersion } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { toTeam } from "./team.mapper";
import * as repo from "./team.repository";

const nameTaken = () => conflict("team_name_taken").at("name");

/** Every logged-in user may read teams: the UI shows team names next to records and owners. */
export async function listTeams(ctx: ServiceContext, query: { limit: number; cursor?: string | undefined }) {
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await repo.listTeams(ctx.db, { limit: query.limit, cursor });
  const page = toPage(rows, query.limit, (r) => [r.sortKey, r.id]);
  return { data: page.data.map((r) => toTeam(r, r.memberCount)), nextCursor: page.nextCursor };
}

export async function createTeam(ctx: ServiceContext, input: { name: string }) {
  authorize(ctx, "team.manage");
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await repo.findTeamByName(tx, input.name)) throw nameTaken();
      const row = await repo.insertTeam(tx, input.name);
      await audit(tx, ctx, "team.created", row, { name: row.name });
      return toTeam(row, 0);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function renameTeam(
  ctx: ServiceContext,
  id: string,
  input: { name: string; version?: number | undefined },
) {
  authorize(ctx, "team.manage");
  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await repo.findTeamById(tx, id);
      if (!current) throw notFound("team_not_found");
      const other = await repo.findTeamByName(tx, input.name);
      if (other && other.id !== id) throw nameTaken();
      const row = await repo.renameTeam(tx, id, input.name, input.version);
      if (!row) throw staleVersion("team");
      await audit(tx, ctx, "team.renamed", { id }, { from: current.name, to: row.name });
      return toTeam(row, await repo.countMembers(tx, id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}
