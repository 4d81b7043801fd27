import { canSee, type RecordEntity } from "@domain/access-policy";
import { authorize } from "@server/access/authorize";
import type { Actor } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { users } from "@server/db/schema";
import { ruleViolation, staleVersion } from "@server/errors";
import { eq } from "drizzle-orm";

// Checks every record change shares: optimistic concurrency and who may own or hold a record (the
// rule itself: `record.set_owner` and `record.set_team` in src/domain/policy/policy.ts).

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

/**
 * Who may become a record's owner: an active user the actor may hand records to; giving a record to
 * someone else needs the matrix's Change owner right of the entity.
 */
export async function assertAssignableOwner(
  db: DbOrTx,
  actor: Actor,
  ownerId: string,
  entity: RecordEntity,
): Promise<void> {
  if (ownerId !== actor.id) authorize({ actor }, `${entity}.change_owner`);
  const [owner] = await db.select().from(users).where(eq(users.id, ownerId));
  if (!owner?.active) throw ruleViolation("user_unknown").at("ownerId");
  authorize({ actor }, "record.set_owner", owner);
}

export function assertAllowedTeam(actor: Actor, teamId: string | null): void {
  authorize({ actor }, "record.set_team", { teamId });
}

/**
 * The team and owner checks of an edit: only what actually changes is checked. Any change of the
 * owner (also taking a record over, or leaving it unowned) needs the matrix's Change owner right.
 */
export async function assertOwnershipChange(
  db: DbOrTx,
  actor: Actor,
  entity: RecordEntity,
  current: { ownerId: string | null },
  fields: { teamId?: string | null | undefined; ownerId?: string | null | undefined },
): Promise<void> {
  await assertOwnershipChangeWith(actor, entity, current, fields, (ownerId) =>
    assertAssignableOwner(db, actor, ownerId, entity),
  );
}

/** `assertOwnershipChange` with the owner check given (a batch memoizes it per owner). */
export async function assertOwnershipChangeWith(
  actor: Actor,
  entity: RecordEntity,
  current: { ownerId: string | null },
  fields: { teamId?: string | null | undefined; ownerId?: string | null | undefined },
  assertOwner: (ownerId: string) => Promise<void>,
): Promise<void> {
  if (fields.teamId !== undefined) assertAllowedTeam(actor, fields.teamId ?? null);
  if (fields.ownerId === undefined || fields.ownerId === current.ownerId) return;
  authorize({ actor }, `${entity}.change_owner`);
  if (fields.ownerId) await assertOwner(fields.ownerId);
}

/**
 * The owner a new record gets so that its creator can open it (issue 14): a salesperson without a
 * team who leaves a lead unowned would otherwise get 201 and then 404 on it, so they own it instead.
 */
export function ownerTheCreatorSees(
  actor: Actor,
  entity: RecordEntity,
  record: { teamId: string | null; ownerId: string | null },
): string | null {
  return canSee(actor, entity, record) ? record.ownerId : actor.id;
}
