import { assertRole } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import { isUniqueViolation } from "@server/db/errors";
import { decodeCursor, toPage } from "@server/db/keyset";
import { conflict, notFound, staleVersion } from "@server/errors";
import { recordAudit } from "@server/modules/audit/audit.repository";
import { toTeam } from "./team.mapper";
import * as repo from "./team.repository";

const nameTaken = () => conflict("team_name_taken").at("name");

/** Every logged-in user may read teams: the UI shows team names next to records and owners. */
export async function listTeams(ctx: ServiceContext, query: { limit: number; cursor?: string | undefined }) {
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await repo.listTeams(ctx.db, { limit: query.limit, cursor });
  const page = toPage(rows, query.limit, (r) => [r.name.toLowerCase(), r.id]);
  return { data: page.data.map((r) => toTeam(r, r.memberCount)), nextCursor: page.nextCursor };
}

export async function createTeam(ctx: ServiceContext, input: { name: string }) {
  assertRole(ctx.actor, ["admin"]);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await repo.findTeamByName(tx, input.name)) throw nameTaken();
      const row = await repo.insertTeam(tx, input.name);
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "team.created",
        entityType: "team",
        entityId: row.id,
        changes: { name: row.name },
        requestId: ctx.requestId,
      });
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
  assertRole(ctx.actor, ["admin"]);
  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await repo.findTeamById(tx, id);
      if (!current) throw notFound("team_not_found");
      const other = await repo.findTeamByName(tx, input.name);
      if (other && other.id !== id) throw nameTaken();
      const row = await repo.renameTeam(tx, id, input.name, input.version);
      if (!row) throw staleVersion("team");
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "team.renamed",
        entityType: "team",
        entityId: id,
        changes: { from: current.name, to: row.name },
        requestId: ctx.requestId,
      });
      return toTeam(row, await repo.countMembers(tx, id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}
