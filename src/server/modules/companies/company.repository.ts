import type { DbOrTx } from "@server/db/client";
import { type CursorValue, keysetClauses, parseSort, type SortKey } from "@server/db/keyset";
import { searchMatch } from "@server/db/like";
import { recordFilters } from "@server/db/record-filters";
import { updateRecordRow } from "@server/db/record-update";
import { companies } from "@server/db/schema";
import { customFieldSortedRows } from "@server/modules/custom-fields/custom-field-query";
import type { CompanyListQuery, CompanySort } from "@shared/schemas/company";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";

export type CompanyRow = typeof companies.$inferSelect;
export type NewCompanyRow = typeof companies.$inferInsert;

/** Sort keys and their cursor casts; each expression matches a partial index of schema.ts exactly. */
const SORTS: Record<CompanySort, SortKey> = {
  createdAt: { expr: sql`${companies.createdAt}`, cast: "timestamptz" },
  updatedAt: { expr: sql`${companies.updatedAt}`, cast: "timestamptz" },
  name: { expr: sql`${companies.sortKey}`, cast: "text" },
};
const isSort = (field: string): field is CompanySort => field in SORTS;

export async function findCompany(db: DbOrTx, id: string, visible: SQL): Promise<CompanyRow | undefined> {
  const [row] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.id, id), visible));
  return row;
}

/** Locks the row for the rest of the transaction, so concurrent edits queue instead of interleaving. */
export async function findCompanyForUpdate(
  tx: DbOrTx,
  id: string,
  visible: SQL,
): Promise<CompanyRow | undefined> {
  const [row] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.id, id), visible))
    .for("update");
  return row;
}

/**
 * Whether `companyId` is `parentId` itself or one of its ancestors, i.e. whether making `parentId` the
 * parent would close a loop. Walks the whole chain regardless of visibility (it is about integrity);
 * the depth bound stops a loop that already exists.
 */
export async function wouldCloseLoop(db: DbOrTx, companyId: string, parentId: string): Promise<boolean> {
  const [row] = await db
    .select({
      loop: sql<boolean>`exists (
        with recursive chain(id, depth) as (
          select cast(${parentId} as uuid), 0
          union all
          select c.parent_company_id, chain.depth + 1
          from ${companies} c join chain on c.id = chain.id
          where c.parent_company_id is not null and chain.depth < 100
        )
        select 1 from chain where chain.id = cast(${companyId} as uuid)
      )`,
    })
    .from(companies)
    .where(eq(companies.id, parentId));
  return row?.loop === true;
}

export async function insertCompany(db: DbOrTx, values: NewCompanyRow): Promise<CompanyRow> {
  const [row] = await db.insert(companies).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export const updateCompanyRow = (
  db: DbOrTx,
  id: string,
  values: Partial<NewCompanyRow>,
): Promise<CompanyRow> => updateRecordRow(db, companies, id, values);

export function companyFilters(query: CompanyListQuery, actorId: string): SQL[] {
  const where = recordFilters(companies, query, actorId);
  if (query.parentCompanyId) where.push(eq(companies.parentCompanyId, query.parentCompanyId));
  if (query.q) where.push(searchMatch(companies.searchText, query.q));
  return where;
}

export async function listCompanyRows(
  db: DbOrTx,
  opts: {
    where: SQL[];
    sort: string;
    /** A sort by a custom field (custom-field-query.ts), in place of `sort`'s own field. */
    customSort?: SortKey | null;
    cursor: CursorValue[] | null;
    limit: number;
  },
): Promise<{ row: CompanyRow; sortKey: string }[]> {
  const { field, direction } = parseSort(opts.sort);
  const key = opts.customSort ?? SORTS[isSort(field) ? field : "createdAt"];
  const page = (where: SQL | undefined, orderBy: SQL, limit: number) =>
    db
      .select({ row: companies, sortKey: sql<string>`(${key.expr})::text` })
      .from(companies)
      .where(and(...opts.where, where))
      .orderBy(orderBy)
      .limit(limit);
  if (opts.customSort)
    return customFieldSortedRows(opts.customSort, companies.id, direction, opts.cursor, opts.limit, page);
  const { after, orderBy } = keysetClauses(key, companies.id, direction, opts.cursor);
  return page(after, orderBy, opts.limit + 1);
}

/** Locks the visible companies among `ids` (bulk work), in id order so concurrent bulks queue. */
export async function findCompaniesForUpdate(tx: DbOrTx, ids: string[], visible: SQL): Promise<CompanyRow[]> {
  return tx
    .select()
    .from(companies)
    .where(and(inArray(companies.id, ids), visible))
    .orderBy(companies.id)
    .for("update");
}
