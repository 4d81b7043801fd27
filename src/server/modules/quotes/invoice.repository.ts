import type { DbOrTx } from "@server/db/client";
import { afterCursor, type CursorValue } from "@server/db/keyset";
import { deals, invoicePayments, invoices } from "@server/db/schema";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type PaymentRow = typeof invoicePayments.$inferSelect;

/** An invoice whose deal the caller sees: the deal's gate is the invoice's, as for quotes. */
export async function findInvoice(db: DbOrTx, id: string, dealVisible: SQL, lock = false) {
  const query = db
    .select({ invoice: invoices })
    .from(invoices)
    .innerJoin(deals, eq(deals.id, invoices.dealId))
    .where(and(eq(invoices.id, id), dealVisible));
  const [row] = lock ? await query.for("update", { of: invoices }) : await query;
  return row?.invoice;
}

export async function insertInvoice(db: DbOrTx, values: NewInvoiceRow): Promise<InvoiceRow> {
  const [row] = await db.insert(invoices).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateInvoiceRow(db: DbOrTx, id: string, values: Partial<NewInvoiceRow>) {
  const [row] = await db
    .update(invoices)
    .set({ ...values, version: sql`${invoices.version} + 1`, updatedAt: sql`now()` })
    .where(eq(invoices.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function paymentsOf(db: DbOrTx, invoiceIds: string[]): Promise<PaymentRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(invoicePayments)
    .where(inArray(invoicePayments.invoiceId, invoiceIds))
    .orderBy(asc(invoicePayments.paidOn), asc(invoicePayments.createdAt));
}

export async function insertPayment(db: DbOrTx, values: typeof invoicePayments.$inferInsert) {
  await db.insert(invoicePayments).values(values);
}

export interface InvoiceListFilter {
  dealId?: string | undefined;
  companyId?: string | undefined;
  status?: string | undefined;
  limit: number;
  cursor: CursorValue[] | null;
}

export async function listInvoiceRows(db: DbOrTx, dealVisible: SQL, filter: InvoiceListFilter) {
  const where: (SQL | undefined)[] = [dealVisible];
  if (filter.dealId) where.push(eq(invoices.dealId, filter.dealId));
  if (filter.companyId) where.push(eq(invoices.companyId, filter.companyId));
  if (filter.status) where.push(eq(invoices.status, filter.status));
  if (filter.cursor)
    where.push(afterCursor(invoices.createdAt, invoices.id, "desc", filter.cursor, "timestamptz"));
  const rows = await db
    .select({ invoice: invoices })
    .from(invoices)
    .innerJoin(deals, eq(deals.id, invoices.dealId))
    .where(and(...where))
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(filter.limit + 1);
  return rows.map((r) => r.invoice);
}

/** Open invoices past their due date become overdue (the daily job); returns how many. */
export async function markOverdue(db: DbOrTx, today: string): Promise<number> {
  const rows = await db
    .update(invoices)
    .set({ status: "overdue", version: sql`${invoices.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(invoices.status, "open"), sql`${invoices.dueDate} < ${today}::date`))
    .returning({ id: invoices.id });
  return rows.length;
}

/**
 * Per currency over a company's visible invoices: what is still open (gross less paid, of open and
 * overdue invoices) and the net revenue invoiced since `yearStart`; summed as numeric, read as text.
 */
export async function companyInvoiceTotals(
  db: DbOrTx,
  companyId: string,
  dealVisible: SQL,
  yearStart: string,
) {
  return db
    .select({
      currency: invoices.currency,
      open: sql<string>`coalesce(sum(${invoices.gross} - ${invoices.paidAmount}) filter (where ${invoices.status} <> 'paid'), 0)::numeric(14,2)::text`,
      revenue: sql<string>`coalesce(sum(${invoices.net}) filter (where ${invoices.issueDate} >= ${yearStart}::date), 0)::numeric(14,2)::text`,
    })
    .from(invoices)
    .innerJoin(deals, eq(deals.id, invoices.dealId))
    .where(and(eq(invoices.companyId, companyId), dealVisible))
    .groupBy(invoices.currency)
    .orderBy(invoices.currency);
}
