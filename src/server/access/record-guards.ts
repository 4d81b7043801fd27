import type { Actor } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { users } from "@server/db/schema";
import { ruleViolation, staleVersion } from "@server/errors";
import { eq } from "drizzle-orm";

/**
 * Checks every record change shares: optimistic concurrency and who may own or hold a record.
 * Admins and managers may give records to anyone active and put them in any team; sales and
 * marketing only to themselves or members of their own team, and only into their own team.
 */
const isBroad = (actor: Actor) => actor.role === "admin" || actor.role === "manager";

/** 409 when the client's version is not the stored one (API.md: `version` field or If-Match). */
export function assertCurrentVersion(
  what: string,
  current: { version: number },
  expected: number | undefined,
) {
  if (expected !== undefined && expected !== current.version) {
    throw staleVersion(what);
  }
}

export async function assertAssignableOwner(db: DbOrTx, actor: Actor, ownerId: string): Promise<void> {
  const [owner] = await db.select().from(users).where(eq(users.id, ownerId));
  if (!owner?.active) throw ruleViolation("user_unknown").at("ownerId");
  if (!isBroad(actor) && owner.id !== actor.id && owner.teamId !== actor.teamId) {
    throw ruleViolation("owner_not_in_team").at("ownerId");
  }
}

export function assertAllowedTeam(actor: Actor, teamId: string | null): void {
  if (!isBroad(actor) && teamId !== actor.teamId) {
    throw ruleViolation("team_not_allowed").at("teamId");
  }
}

/** The team and owner checks of an edit: only what actually changes is checked. */
export async function assertOwnershipChange(
  db: DbOrTx,
  actor: Actor,
  current: { ownerId: string | null },
  fields: { teamId?: string | null | undefined; ownerId?: string | null | undefined },
): Promise<void> {
  if (fields.teamId !== undefined) assertAllowedTeam(actor, fields.teamId ?? null);
  if (fields.ownerId && fields.ownerId !== current.ownerId)
    await assertAssignableOwner(db, actor, fields.ownerId);
}
