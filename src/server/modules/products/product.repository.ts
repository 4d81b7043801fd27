import type { DbOrTx } from "@server/db/client";
import { type CursorValue, keysetClauses, parseSort, type SortKey } from "@server/db/keyset";
import { searchMatch } from "@server/db/like";
import { products } from "@server/db/schema";
import { and, eq, type SQL, sql } from "drizzle-orm";

export type ProductRow = typeof products.$inferSelect;
export type NewProductRow = typeof products.$inferInsert;

/** Each offered sort has an index on (expression, id): products_name_idx, products_created_idx. */
const SORT_KEYS: Record<string, SortKey> = {
  // German order (DIN 5007-1): the generated sort key.
  name: { expr: sql`${products.sortKey}`, cast: "text" },
  createdAt: { expr: sql`${products.createdAt}`, cast: "timestamptz" },
};

export interface ProductListOptions {
  sort: string;
  limit: number;
  cursor: CursorValue[] | null;
  q?: string | undefined;
  active?: boolean | undefined;
}

export async function listProductRows(db: DbOrTx, options: ProductListOptions): Promise<ProductRow[]> {
  const { field, direction } = parseSort(options.sort);
  const key = SORT_KEYS[field] ?? SORT_KEYS.name;
  if (!key) throw new Error("no sort key");
  const { after, orderBy } = keysetClauses(key, products.id, direction, options.cursor);
  const where: (SQL | undefined)[] = [after];
  if (options.q) where.push(searchMatch(products.searchText, options.q));
  if (options.active !== undefined) where.push(eq(products.active, options.active));
  return db
    .select()
    .from(products)
    .where(and(...where))
    .orderBy(orderBy)
    .limit(options.limit + 1);
}

/** The sort value a cursor carries for a row (as PostgreSQL text, so timestamps keep microseconds). */
export function sortValueOf(row: ProductRow, sort: string): CursorValue {
  const { field } = parseSort(sort);
  return field === "createdAt" ? row.createdAt.toISOString() : row.sortKey;
}

export async function findProduct(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

export async function findProductForUpdate(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id)).for("update");
  return row;
}

export async function findProductBySku(db: DbOrTx, sku: string): Promise<ProductRow | undefined> {
  const [row] = await db
    .select()
    .from(products)
    .where(sql`lower(${products.sku}) = lower(${sku})`)
    .for("update");
  return row;
}

export async function insertProduct(db: DbOrTx, values: NewProductRow): Promise<ProductRow> {
  const [row] = await db.insert(products).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateProductRow(
  db: DbOrTx,
  id: string,
  values: Partial<NewProductRow>,
): Promise<ProductRow> {
  const [row] = await db
    .update(products)
    .set({ ...values, version: sql`${products.version} + 1`, updatedAt: sql`now()` })
    .where(eq(products.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Every product in name order, for the export (the price list is small: thousands, not millions). */
export async function allProducts(db: DbOrTx): Promise<ProductRow[]> {
  return db.select().from(products).orderBy(products.sortKey, products.id);
}

export async function productsByIds(db: DbOrTx, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(products)
    .where(
      sql`${products.id} in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
}
