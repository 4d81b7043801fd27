import type { DbOrTx } from "@server/db/client";
import { afterCursor, type CursorValue } from "@server/db/keyset";
import { updateRecordRow } from "@server/db/record-update";
import { activities, activityParticipants, contacts, users } from "@server/db/schema";
import { and, asc, desc, eq, exists, inArray, isNotNull, type SQL, sql } from "drizzle-orm";

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivityRow = typeof activities.$inferInsert;
export interface ParticipantRow {
  activityId: string;
  kind: "user" | "contact";
  id: string;
  name: string;
  /** false: a contact the reader may not see; its name is withheld. */
  visible: boolean;
}

/** What a participant without a name to show is called (the API's placeholder, not translated). */
export const NO_NAME = "—";

export async function insertActivity(db: DbOrTx, values: NewActivityRow): Promise<ActivityRow> {
  const [row] = await db.insert(activities).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** The caller takes part in the activity. */
export const participantIs = (userId: string) =>
  exists(
    sql`(select 1 from ${activityParticipants} where ${activityParticipants.activityId} = ${activities.id} and ${activityParticipants.userId} = ${userId})`,
  );

export async function findActivity(db: DbOrTx, id: string, visible: SQL) {
  const [row] = await db
    .select({ row: activities, ownerName: users.name })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.ownerId))
    .where(and(eq(activities.id, id), visible));
  return row;
}

export async function findActivityForUpdate(
  db: DbOrTx,
  id: string,
  visible: SQL,
): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), visible))
    .for("update");
  return row;
}

export const updateActivityRow = (
  db: DbOrTx,
  id: string,
  values: Partial<NewActivityRow>,
): Promise<ActivityRow> => updateRecordRow(db, activities, id, values);

export type ActivitySort = "-createdAt" | "occursAt";

export async function listActivityRows(
  db: DbOrTx,
  opts: { where: SQL[]; cursor: CursorValue[] | null; limit: number; sort: ActivitySort },
) {
  const conditions = [...opts.where];
  const byTime = opts.sort === "occursAt";
  const sortColumn = byTime ? activities.occursAt : activities.createdAt;
  if (byTime) conditions.push(isNotNull(activities.occursAt));
  if (opts.cursor)
    conditions.push(
      afterCursor(sortColumn, activities.id, byTime ? "asc" : "desc", opts.cursor, "timestamptz"),
    );
  return db
    .select({ row: activities, ownerName: users.name, sortKey: sql<string>`${sortColumn}::text` })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.ownerId))
    .where(and(...conditions))
    .orderBy(...(byTime ? [asc(sortColumn), asc(activities.id)] : [desc(sortColumn), desc(activities.id)]))
    .limit(opts.limit + 1);
}

/**
 * The participants of these activities in one query. A contact participant joins only through
 * `contactVisible` (the reader's permission gate on contacts): one the reader may not see comes back
 * with `visible: false` and no name, so its existence is shown but nothing about it.
 */
export async function participantsOf(
  db: DbOrTx,
  activityIds: string[],
  contactVisible: SQL,
): Promise<ParticipantRow[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .select({
      activityId: activityParticipants.activityId,
      userId: activityParticipants.userId,
      contactId: activityParticipants.contactId,
      userName: users.name,
      visibleContactId: contacts.id,
      contactName: sql<
        string | null
      >`nullif(trim(concat_ws(' ', ${contacts.firstName}, ${contacts.lastName})), '')`,
    })
    .from(activityParticipants)
    .leftJoin(users, eq(users.id, activityParticipants.userId))
    .leftJoin(contacts, and(eq(contacts.id, activityParticipants.contactId), contactVisible))
    .where(inArray(activityParticipants.activityId, activityIds));
  return rows.flatMap((r): ParticipantRow[] => {
    if (r.userId)
      return [
        { activityId: r.activityId, kind: "user", id: r.userId, name: r.userName ?? NO_NAME, visible: true },
      ];
    if (r.contactId) {
      const visible = r.visibleContactId !== null;
      return [
        {
          activityId: r.activityId,
          kind: "contact",
          id: r.contactId,
          name: visible ? (r.contactName ?? NO_NAME) : NO_NAME,
          visible,
        },
      ];
    }
    return [];
  });
}

/** The ids of an activity's participants now: users and contacts, whoever may see them. */
export async function currentParticipants(
  db: DbOrTx,
  activityId: string,
): Promise<{ userIds: Set<string>; contactIds: Set<string> }> {
  const rows = await db
    .select({ userId: activityParticipants.userId, contactId: activityParticipants.contactId })
    .from(activityParticipants)
    .where(eq(activityParticipants.activityId, activityId));
  return {
    userIds: new Set(rows.flatMap((r) => (r.userId ? [r.userId] : []))),
    contactIds: new Set(rows.flatMap((r) => (r.contactId ? [r.contactId] : []))),
  };
}

export async function replaceParticipants(
  db: DbOrTx,
  activityId: string,
  kind: "user" | "contact",
  ids: string[],
) {
  const column = kind === "user" ? activityParticipants.userId : activityParticipants.contactId;
  await db
    .delete(activityParticipants)
    .where(and(eq(activityParticipants.activityId, activityId), isNotNull(column)));
  if (ids.length === 0) return;
  await db
    .insert(activityParticipants)
    .values(ids.map((id) => (kind === "user" ? { activityId, userId: id } : { activityId, contactId: id })));
}

/** Of these user ids, the ones that are active users. */
export async function activeUserIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  return new Set(rows.map((r) => r.id));
}

/** Of these contact ids, the ones the visibility condition lets through. */
export async function visibleContactIds(db: DbOrTx, ids: string[], visible: SQL): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(inArray(contacts.id, ids), visible));
  return new Set(rows.map((r) => r.id));
}

export async function ownerNames(
  db: DbOrTx,
  rows: { ownerId: string | null }[],
): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}
