import type { Formality } from "@domain/contacts/letter-salutation";
import type { DbOrTx } from "@server/db/client";
import { type CursorValue, keysetClauses, parseSort, type SortKey } from "@server/db/keyset";
import { searchMatch } from "@server/db/like";
import { recordFilters } from "@server/db/record-filters";
import { updateRecordRow } from "@server/db/record-update";
import { companies, contacts } from "@server/db/schema";
import { customFieldSortedRows } from "@server/modules/custom-fields/custom-field-query";
import type { ContactListQuery, ContactSort } from "@shared/schemas/contact";
import { and, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;
/** A contact with the name of its company, when the caller may see that company. */
export interface ContactView {
  row: ContactRow;
  companyName: string | null;
}

/**
 * Sort keys and the casts their cursor values need; each expression matches a partial index of
 * schema.ts exactly, so a page is an index range scan at any depth.
 */
const SORTS: Record<ContactSort, SortKey> = {
  createdAt: { expr: sql`${contacts.createdAt}`, cast: "timestamptz" },
  updatedAt: { expr: sql`${contacts.updatedAt}`, cast: "timestamptz" },
  // German order (DIN 5007-1): the generated sort key, "Last First".
  name: { expr: sql`${contacts.sortKey}`, cast: "text" },
};
const isSort = (field: string): field is ContactSort => field in SORTS;

/** The company's name is joined under the company's own permission gate, so it never leaks. */
const withCompany = (db: DbOrTx, companyVisible: SQL) =>
  db
    .select({ row: contacts, companyName: companies.name })
    .from(contacts)
    .leftJoin(companies, and(eq(companies.id, contacts.companyId), companyVisible));

export async function findContact(
  db: DbOrTx,
  id: string,
  visible: SQL,
  companyVisible: SQL,
): Promise<ContactView | undefined> {
  const [view] = await withCompany(db, companyVisible).where(and(eq(contacts.id, id), visible));
  return view;
}

/** The Sie/Du choice of a contact `visible` lets through: a new quote to the contact starts with it. */
export async function findContactFormality(
  db: DbOrTx,
  id: string,
  visible: SQL,
): Promise<Formality | undefined> {
  const [row] = await db
    .select({ formality: contacts.formality })
    .from(contacts)
    .where(and(eq(contacts.id, id), visible));
  if (!row) return undefined;
  return row.formality === "informal" ? "informal" : "formal";
}

/** Locks the row for the rest of the transaction, so concurrent edits queue instead of interleaving. */
export async function findContactForUpdate(
  tx: DbOrTx,
  id: string,
  visible: SQL,
): Promise<ContactRow | undefined> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), visible))
    .for("update");
  return row;
}

export async function insertContact(db: DbOrTx, values: NewContactRow): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export const updateContactRow = (
  db: DbOrTx,
  id: string,
  values: Partial<NewContactRow>,
): Promise<ContactRow> => updateRecordRow(db, contacts, id, values);

export function contactFilters(query: ContactListQuery, actorId: string): SQL[] {
  const where = recordFilters(contacts, query, actorId);
  if (query.companyId) where.push(eq(contacts.companyId, query.companyId));
  if (query.q) where.push(searchMatch(contacts.searchText, query.q));
  return where;
}

export async function listContactRows(
  db: DbOrTx,
  opts: {
    where: SQL[];
    companyVisible: SQL;
    sort: string;
    /** A sort by a custom field (custom-field-query.ts), in place of `sort`'s own field. */
    customSort?: SortKey | null;
    cursor: CursorValue[] | null;
    limit: number;
  },
): Promise<(ContactView & { sortKey: string })[]> {
  const { field, direction } = parseSort(opts.sort);
  const key = opts.customSort ?? SORTS[isSort(field) ? field : "createdAt"];
  const page = (where: SQL | undefined, orderBy: SQL, limit: number) =>
    db
      .select({ row: contacts, companyName: companies.name, sortKey: sql<string>`(${key.expr})::text` })
      .from(contacts)
      .leftJoin(companies, and(eq(companies.id, contacts.companyId), opts.companyVisible))
      .where(and(...opts.where, where))
      .orderBy(orderBy)
      .limit(limit);
  if (opts.customSort)
    return customFieldSortedRows(opts.customSort, contacts.id, direction, opts.cursor, opts.limit, page);
  const { after, orderBy } = keysetClauses(key, contacts.id, direction, opts.cursor);
  return page(after, orderBy, opts.limit + 1);
}

/** The survivor a merged-away contact points to (the loser itself is soft-deleted). */
export async function findMergedInto(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ mergedIntoId: contacts.mergedIntoId })
    .from(contacts)
    .where(and(eq(contacts.id, id), isNotNull(contacts.deletedAt)));
  return row?.mergedIntoId ?? null;
}

/** Locks the visible contacts among `ids` (bulk work), in id order so concurrent bulks queue. */
export async function findContactsForUpdate(tx: DbOrTx, ids: string[], visible: SQL): Promise<ContactRow[]> {
  return tx
    .select()
    .from(contacts)
    .where(and(inArray(contacts.id, ids), visible))
    .orderBy(contacts.id)
    .for("update");
}
