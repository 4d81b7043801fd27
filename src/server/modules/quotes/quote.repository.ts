import type { DbOrTx } from "@server/db/client";
import { afterCursor, type CursorValue } from "@server/db/keyset";
import { deals, documentCounters, quoteLines, quotes } from "@server/db/schema";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";

export type QuoteRow = typeof quotes.$inferSelect;
export type NewQuoteRow = typeof quotes.$inferInsert;
export type QuoteLineRow = typeof quoteLines.$inferSelect;
export type NewQuoteLineRow = typeof quoteLines.$inferInsert;

/** A quote with the one thing its state rules need from elsewhere: whether it has an invoice. */
export interface QuoteWithInvoice {
  quote: QuoteRow;
  invoiceId: string | null;
}

// Drizzle writes columns inside a selected sql`` without their table, so these subqueries name
// theirs in plain SQL (aliases, and the outer table by its quoted name).
const withInvoice = {
  quote: quotes,
  invoiceId: sql<string | null>`(select i.id from invoices i where i.quote_id = "quotes"."id")`,
};

/** A quote whose deal the caller sees (`dealVisible` is the deal gate); the deal's gate is the quote's. */
export async function findQuote(
  db: DbOrTx,
  id: string,
  dealVisible: SQL,
): Promise<QuoteWithInvoice | undefined> {
  const [row] = await db
    .select(withInvoice)
    .from(quotes)
    .innerJoin(deals, eq(deals.id, quotes.dealId))
    .where(and(eq(quotes.id, id), dealVisible));
  return row;
}

/** As findQuote, holding the quote's row lock until the transaction ends. */
export async function findQuoteForUpdate(
  db: DbOrTx,
  id: string,
  dealVisible: SQL,
): Promise<QuoteWithInvoice | undefined> {
  const [row] = await db
    .select(withInvoice)
    .from(quotes)
    .innerJoin(deals, eq(deals.id, quotes.dealId))
    .where(and(eq(quotes.id, id), dealVisible))
    .for("update", { of: quotes });
  return row;
}

export async function linesOf(db: DbOrTx, quoteIds: string[]): Promise<QuoteLineRow[]> {
  if (quoteIds.length === 0) return [];
  return db
    .select()
    .from(quoteLines)
    .where(inArray(quoteLines.quoteId, quoteIds))
    .orderBy(asc(quoteLines.quoteId), asc(quoteLines.position));
}

export async function insertQuote(db: DbOrTx, values: NewQuoteRow): Promise<QuoteRow> {
  const [row] = await db.insert(quotes).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateQuoteRow(
  db: DbOrTx,
  id: string,
  values: Partial<NewQuoteRow>,
): Promise<QuoteRow> {
  const [row] = await db
    .update(quotes)
    .set({ ...values, version: sql`${quotes.version} + 1`, updatedAt: sql`now()` })
    .where(eq(quotes.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Replaces a draft's lines in one statement each (delete, one multi-row insert). */
export async function replaceLines(db: DbOrTx, quoteId: string, lines: Omit<NewQuoteLineRow, "quoteId">[]) {
  await db.delete(quoteLines).where(eq(quoteLines.quoteId, quoteId));
  if (lines.length > 0) await db.insert(quoteLines).values(lines.map((l) => ({ ...l, quoteId })));
}

export async function deleteQuoteRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(quotes).where(eq(quotes.id, id));
}

export interface QuoteListFilter {
  dealId?: string | undefined;
  companyId?: string | undefined;
  limit: number;
  cursor: CursorValue[] | null;
}

/** Newest first along quotes_deal_created_idx / quotes_company_created_idx. */
export async function listQuoteRows(db: DbOrTx, dealVisible: SQL, filter: QuoteListFilter) {
  const where: (SQL | undefined)[] = [dealVisible];
  if (filter.dealId) where.push(eq(quotes.dealId, filter.dealId));
  if (filter.companyId) where.push(eq(quotes.companyId, filter.companyId));
  if (filter.cursor)
    where.push(afterCursor(quotes.createdAt, quotes.id, "desc", filter.cursor, "timestamptz"));
  return db
    .select(withInvoice)
    .from(quotes)
    .innerJoin(deals, eq(deals.id, quotes.dealId))
    .where(and(...where))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(filter.limit + 1);
}

/**
 * The next running number of a document kind in a year. The upsert takes the counter row's lock
 * and holds it until the calling transaction ends, so concurrent senders queue here and each gets
 * the next number; a rolled-back send leaves no gap because its increment rolls back too.
 */
export async function nextRunningNumber(
  db: DbOrTx,
  kind: "quote" | "invoice",
  year: number,
): Promise<number> {
  const [row] = await db
    .insert(documentCounters)
    .values({ kind, year, last: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.kind, documentCounters.year],
      set: { last: sql`${documentCounters.last} + 1` },
    })
    .returning({ last: documentCounters.last });
  if (!row) throw new Error("counter returned no row");
  return row.last;
}

/** What a quote needs of its deal: currency, company and the primary (else first) contact. */
export async function dealForQuote(db: DbOrTx, dealId: string, dealVisible: SQL) {
  const [row] = await db
    .select({
      id: deals.id,
      title: deals.title,
      currency: deals.currency,
      status: deals.status,
      companyId: deals.companyId,
      contactId: sql<string | null>`(
        select dc.contact_id from deal_contacts dc
        join contacts c on c.id = dc.contact_id and c.deleted_at is null
        where dc.deal_id = "deals"."id"
        order by dc.is_primary desc, dc.contact_id limit 1)`,
      companyLive: sql<boolean>`exists (select 1 from companies co where co.id = "deals"."company_id" and co.deleted_at is null)`,
    })
    .from(deals)
    .where(and(eq(deals.id, dealId), dealVisible));
  return row;
}

/** Sent quotes past their validity date (the daily expiry job). */
export async function expireSentQuotes(db: DbOrTx, today: string): Promise<QuoteRow[]> {
  return db
    .update(quotes)
    .set({
      status: "expired",
      decidedAt: sql`now()`,
      version: sql`${quotes.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(quotes.status, "sent"),
        sql`${quotes.validUntil} < ${today}::date`,
        sql`${quotes.supersededById} is null`,
      ),
    )
    .returning();
}
