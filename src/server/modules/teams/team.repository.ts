import type { DbOrTx } from "@server/db/client";
import { afterCursor, type CursorValue } from "@server/db/keyset";
import { teams, users } from "@server/db/schema";
import { and, count, eq, sql } from "drizzle-orm";

export type TeamRow = typeof teams.$inferSelect;
export type TeamWithCount = TeamRow & { memberCount: number };

export async function findTeamById(db: DbOrTx, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row;
}

export async function findTeamByName(db: DbOrTx, name: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(sql`lower(${teams.name}) = ${name.toLowerCase()}`);
  return row;
}

/** Teams with their member counts in one query (a grouped join, not one count per team). */
export async function listTeams(
  db: DbOrTx,
  opts: { limit: number; cursor: CursorValue[] | null },
): Promise<TeamWithCount[]> {
  // German order (DIN 5007-1): the generated key, index teams_sort_key_idx.
  const sortKey = teams.sortKey;
  return db
    .select({
      id: teams.id,
      name: teams.name,
      sortKey: teams.sortKey,
      version: teams.version,
      createdAt: teams.createdAt,
      updatedAt: teams.updatedAt,
      memberCount: count(users.id),
    })
    .from(teams)
    .leftJoin(users, and(eq(users.teamId, teams.id), eq(users.active, true)))
    .where(opts.cursor ? afterCursor(sortKey, teams.id, "asc", opts.cursor) : undefined)
    .groupBy(teams.id)
    .orderBy(sortKey, teams.id)
    .limit(opts.limit + 1);
}

export async function countMembers(db: DbOrTx, teamId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.active, true)));
  return row?.n ?? 0;
}

export async function insertTeam(db: DbOrTx, name: string): Promise<TeamRow> {
  const [row] = await db.insert(teams).values({ name }).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function renameTeam(db: DbOrTx, id: string, name: string, expectedVersion?: number) {
  const where =
    expectedVersion === undefined
      ? eq(teams.id, id)
      : and(eq(teams.id, id), eq(teams.version, expectedVersion));
  const [row] = await db
    .update(teams)
    .set({ name, version: sql`${teams.version} + 1`, updatedAt: new Date() })
    .where(where)
    .returning();
  return row;
}
