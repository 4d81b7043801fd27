import type { DbOrTx } from "@server/db/client";
import { afterCursor, type CursorValue } from "@server/db/keyset";
import { searchMatch } from "@server/db/like";
import { users } from "@server/db/schema";
import { and, count, eq, or, type SQL, sql } from "drizzle-orm";

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
  return row?.n ?? 0;
}

export async function listUsers(
  db: DbOrTx,
  opts: { limit: number; cursor: CursorValue[] | null; q?: string | undefined },
): Promise<UserRow[]> {
  // German order (DIN 5007-1): the generated key of schema.ts, index users_sort_key_idx.
  const sortKey = users.sortKey;
  const filters: (SQL | undefined)[] = [];
  if (opts.q) {
    filters.push(searchMatch(users.searchText, opts.q));
  }
  if (opts.cursor) filters.push(afterCursor(sortKey, users.id, "asc", opts.cursor));
  return db
    .select()
    .from(users)
    .where(and(...filters))
    .orderBy(sortKey, users.id)
    .limit(opts.limit + 1);
}

export async function insertUser(db: DbOrTx, values: NewUserRow): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Updates when `expectedVersion` matches (or is undefined); returns undefined on a version conflict. */
export async function updateUser(
  db: DbOrTx,
  id: string,
  values: Partial<NewUserRow>,
  expectedVersion?: number,
): Promise<UserRow | undefined> {
  const where =
    expectedVersion === undefined
      ? eq(users.id, id)
      : and(eq(users.id, id), eq(users.version, expectedVersion));
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning();
  return row;
}

/**
 * Stamps a login. Not an edit: neither `version` nor `updatedAt` moves, so an admin's form read before
 * the user logged in still saves (issue #15 point 12).
 */
export async function recordLogin(db: DbOrTx, id: string, at: Date): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id)).returning();
  return row;
}

/** Active users, optionally of one team, matching a name/email fragment; at most 200, by name. */
export async function listUserOptions(
  db: DbOrTx,
  opts: { teamId?: string | null; includeId?: string; q?: string | undefined },
) {
  const filters: (SQL | undefined)[] = [eq(users.active, true)];
  if (opts.teamId !== undefined) {
    const team = opts.teamId === null ? undefined : eq(users.teamId, opts.teamId);
    filters.push(or(team, opts.includeId ? eq(users.id, opts.includeId) : undefined));
  }
  if (opts.q) {
    filters.push(searchMatch(users.searchText, opts.q));
  }
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(...filters))
    .orderBy(users.sortKey, users.id)
    .limit(200);
}
