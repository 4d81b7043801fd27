import type { DbOrTx } from "@server/db/client";
import type { TeamRow } from "@server/modules/teams/team.repository";
import type { UserRow } from "@server/modules/users/user.repository";
import { buildTeam } from "@test/factories";

export interface Ownership {
  /** null: no team; undefined: the parent's or owner's team, else a new one. */
  team?: TeamRow | null;
  owner?: UserRow | null;
}

/** An explicit teamId wins, then `team`, then the parent record's team, then the owner's; else a new team. */
export async function resolveOwnership(
  db: DbOrTx,
  o: Ownership & { teamId?: string | null; ownerId?: string | null; parentTeamId?: string | null },
): Promise<{ teamId: string | null; ownerId: string | null }> {
  const ownerId = o.ownerId !== undefined ? o.ownerId : (o.owner?.id ?? null);
  if (o.teamId !== undefined) return { teamId: o.teamId, ownerId };
  if (o.team !== undefined) return { teamId: o.team?.id ?? null, ownerId };
  if (o.parentTeamId !== undefined) return { teamId: o.parentTeamId, ownerId };
  if (o.owner) return { teamId: o.owner.teamId, ownerId };
  return { teamId: (await buildTeam(db)).id, ownerId };
}

export async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error("insert returned no row");
  return row;
}
