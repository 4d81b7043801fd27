import type { DbOrTx } from "@server/db/client";
import { activities, activityParticipants, calendarFeeds, users } from "@server/db/schema";
import { and, asc, eq, exists, gte, isNotNull, isNull, lt, or, sql } from "drizzle-orm";

export async function findFeed(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return row;
}

/** One feed per user: a new token replaces the old one, which stops working at once. */
export async function upsertFeed(db: DbOrTx, userId: string, tokenHash: string) {
  const [row] = await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: new Date() } })
    .returning({ createdAt: calendarFeeds.createdAt });
  if (!row) throw new Error("upsert returned no row");
  return row;
}

export async function deleteFeed(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db
    .delete(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .returning({ userId: calendarFeeds.userId });
  return rows.length > 0;
}

/** The active user a feed token (by its SHA-256) belongs to. */
export async function findFeedUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(calendarFeeds)
    .innerJoin(users, and(eq(users.id, calendarFeeds.userId), eq(users.active, true)))
    .where(eq(calendarFeeds.tokenHash, tokenHash));
  return row;
}

/** The user's timed activities (owned or taken part in) in a window, soonest first. */
export function feedActivities(db: DbOrTx, userId: string, from: Date, to: Date, limit: number) {
  const participates = exists(
    db
      .select({ one: sql`1` })
      .from(activityParticipants)
      .where(
        and(eq(activityParticipants.activityId, activities.id), eq(activityParticipants.userId, userId)),
      ),
  );
  return db
    .select()
    .from(activities)
    .where(
      and(
        isNull(activities.deletedAt),
        isNotNull(activities.occursAt),
        gte(activities.occursAt, from),
        lt(activities.occursAt, to),
        or(eq(activities.ownerId, userId), participates),
      ),
    )
    .orderBy(asc(activities.occursAt), asc(activities.id))
    .limit(limit);
}
