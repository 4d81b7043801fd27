import type { DbOrTx } from "@server/db/client";
import { activities, activityParticipants, notifications, users } from "@server/db/schema";
import {
  and,
  asc,
  desc,
  eq,
  exists,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";

/** A moved or deleted activity forgets its reminders, so a new time reminds again. */
export async function forgetReminders(db: DbOrTx, activityId: string): Promise<void> {
  await db.delete(notifications).where(eq(notifications.activityId, activityId));
}

export interface DueWindow {
  from: Date;
  tasksUntil: Date;
  appointmentsUntil: Date;
}

/** Open tasks due in the window, and open meetings and calls starting in it. */
function dueActivities(window: DueWindow): SQL {
  return and(
    isNull(activities.deletedAt),
    eq(activities.done, false),
    gte(activities.occursAt, window.from),
    or(
      and(eq(activities.type, "task"), lte(activities.occursAt, window.tasksUntil)),
      and(
        inArray(activities.type, ["meeting", "call"]),
        isNotNull(activities.startsAt),
        lte(activities.occursAt, window.appointmentsUntil),
      ),
    ),
  ) as SQL;
}

/**
 * Creates the "due" reminders for owners and user participants. The unique index (user, activity,
 * kind) makes this idempotent, so several app processes may scan at once: each reminder is created
 * (and returned) exactly once.
 */
export async function insertDueReminders(db: DbOrTx, window: DueWindow) {
  const forOwners = await db
    .insert(notifications)
    .select(
      db
        .select({
          id: sql`gen_random_uuid()`.as("id"),
          userId: sql`${activities.ownerId}`.as("user_id"),
          activityId: sql`${activities.id}`.as("activity_id"),
          kind: sql`'due'`.as("kind"),
          createdAt: sql`now()`.as("created_at"),
          readAt: sql`null::timestamptz`.as("read_at"),
          notice: sql`null::jsonb`.as("notice"),
        })
        .from(activities)
        .innerJoin(users, and(eq(users.id, activities.ownerId), eq(users.active, true)))
        .where(dueActivities(window)),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  const forParticipants = await db
    .insert(notifications)
    .select(
      db
        .selectDistinct({
          id: sql`gen_random_uuid()`.as("id"),
          userId: sql`${activityParticipants.userId}`.as("user_id"),
          activityId: sql`${activities.id}`.as("activity_id"),
          kind: sql`'due'`.as("kind"),
          createdAt: sql`now()`.as("created_at"),
          readAt: sql`null::timestamptz`.as("read_at"),
          notice: sql`null::jsonb`.as("notice"),
        })
        .from(activities)
        .innerJoin(activityParticipants, eq(activityParticipants.activityId, activities.id))
        .innerJoin(users, and(eq(users.id, activityParticipants.userId), eq(users.active, true)))
        .where(dueActivities(window)),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  return [...forOwners, ...forParticipants];
}

/**
 * A "seen" row (always read) marks due work the user has acknowledged ("mark all read") without a
 * reminder of it; it is never listed. Moving the activity deletes it with the reminders, so it counts again.
 */
const SEEN = "seen";

const liveActivity = and(eq(activities.id, notifications.activityId), isNull(activities.deletedAt));

/** A reminder of an activity still there, or a notice. */
const shown = or(isNotNull(activities.id), isNotNull(notifications.notice));

export function listNotificationRows(db: DbOrTx, userId: string, opts: { limit: number; unread: boolean }) {
  return db
    .select({ n: notifications, a: activities })
    .from(notifications)
    .leftJoin(activities, liveActivity)
    .where(
      and(
        eq(notifications.userId, userId),
        ne(notifications.kind, SEEN),
        shown,
        opts.unread ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .leftJoin(activities, liveActivity)
    .where(and(eq(notifications.userId, userId), shown, isNull(notifications.readAt)));
  return row?.count ?? 0;
}

/** Marks one (by id) or all of the user's unread notifications read; returns how many changed. */
export async function markRead(db: DbOrTx, userId: string, id?: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        id ? eq(notifications.id, id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

export async function notificationExists(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return rows.length > 0;
}

export type Notice = NonNullable<typeof notifications.$inferInsert.notice>;

/** One notice to each of these users, in the caller's transaction. */
export async function insertNotices(db: DbOrTx, userIds: readonly string[], notice: Notice) {
  if (userIds.length === 0) return [];
  return db
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: "notice", notice })))
    .returning({ id: notifications.id, userId: notifications.userId });
}

const participantRow = (userId: string) =>
  sql`(select 1 from ${activityParticipants} where ${activityParticipants.activityId} = ${activities.id} and ${activityParticipants.userId} = ${userId})`;

/**
 * The user's open tasks, meetings and calls (owned or taking part) that happen before `until`:
 * overdue and due-today work. `visible` is the activities' permission gate.
 */
function dueWorkWhere(userId: string, visible: SQL, until: Date): SQL {
  return and(
    visible,
    isNull(activities.deletedAt),
    eq(activities.done, false),
    inArray(activities.type, ["task", "meeting", "call"]),
    lt(activities.occursAt, until),
    or(eq(activities.ownerId, userId), exists(participantRow(userId))),
  ) as SQL;
}

/** The user has a reminder (read or not) or a "seen" mark of the activity. */
const seenBy = (userId: string) =>
  exists(
    sql`(select 1 from ${notifications} where ${notifications.userId} = ${userId} and ${notifications.activityId} = ${activities.id})`,
  );

/**
 * Due work, oldest first, with the totals in the same query (window counts over all matches, not
 * only the `limit` returned). Served by activities_owner_occurs_idx and activity_participants_user_idx.
 */
export async function dueWorkRows(db: DbOrTx, userId: string, visible: SQL, until: Date, limit: number) {
  const seen = seenBy(userId);
  const rows = await db
    .select({
      a: activities,
      seen: sql<boolean>`${seen}`,
      total: sql<number>`(count(*) over ())::int`,
      unseen: sql<number>`(count(*) filter (where not ${seen}) over ())::int`,
    })
    .from(activities)
    .where(dueWorkWhere(userId, visible, until))
    .orderBy(asc(activities.occursAt), asc(activities.id))
    .limit(limit);
  return { rows, total: rows[0]?.total ?? 0, unseen: rows[0]?.unseen ?? 0 };
}

/** Marks all due work seen that has no reminder or mark yet (one insert … select). */
export async function markDueWorkSeen(db: DbOrTx, userId: string, visible: SQL, until: Date): Promise<void> {
  await db
    .insert(notifications)
    .select(
      db
        .select({
          id: sql`gen_random_uuid()`.as("id"),
          userId: sql`${userId}::uuid`.as("user_id"),
          activityId: sql`${activities.id}`.as("activity_id"),
          kind: sql`${SEEN}`.as("kind"),
          createdAt: sql`now()`.as("created_at"),
          readAt: sql`now()`.as("read_at"),
          notice: sql`null::jsonb`.as("notice"),
        })
        .from(activities)
        .where(and(dueWorkWhere(userId, visible, until), sql`not ${seenBy(userId)}`)),
    )
    .onConflictDoNothing();
}
