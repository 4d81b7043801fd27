import { arrayOverlaps, eq, gte, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

interface RecordTable {
  id: PgColumn;
  ownerId: PgColumn;
  teamId: PgColumn;
  tags: PgColumn;
  createdAt: PgColumn;
  externalId: PgColumn;
}

export interface RecordFilterQuery {
  ids?: string[] | undefined;
  ownerId?: string[] | undefined;
  mine?: boolean | undefined;
  teamId?: string[] | undefined;
  tags?: string[] | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  externalId?: string | undefined;
}

/** The list filters every CRM record offers (see `recordListFilters` in shared/schemas/common.ts). */
export function recordFilters(table: RecordTable, query: RecordFilterQuery, actorId: string): SQL[] {
  const where: (SQL | undefined)[] = [];
  if (query.ids?.length) where.push(inArray(table.id, query.ids));
  if (query.externalId !== undefined) where.push(eq(table.externalId, query.externalId));
  if (query.ownerId?.length) {
    const ids = query.ownerId.filter((o) => o !== "none");
    where.push(
      or(
        ids.length ? inArray(table.ownerId, ids) : undefined,
        query.ownerId.includes("none") ? isNull(table.ownerId) : undefined,
      ),
    );
  }
  if (query.mine) where.push(eq(table.ownerId, actorId));
  if (query.teamId?.length) where.push(inArray(table.teamId, query.teamId));
  if (query.tags?.length) where.push(arrayOverlaps(table.tags, query.tags));
  if (query.createdFrom) where.push(gte(table.createdAt, new Date(query.createdFrom)));
  if (query.createdTo) where.push(lte(table.createdAt, new Date(query.createdTo)));
  return where.filter((w): w is SQL => w !== undefined);
}
