import type { Principal } from "@domain/access-policy";
import { abilitiesOf } from "@domain/policy/policy";
import { formatDocumentNumber } from "@domain/quotes/document-number";
import { invoiceStatus } from "@domain/quotes/quote-status";
import { addMoney, compareMoney, subtractMoney } from "@domain/quotes/quote-totals";
import { authorize } from "@server/access/authorize";
import { dealVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { decodeCursor, toPage } from "@server/db/keyset";
import { notFound, ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import type { Page } from "@shared/schemas/common";
import type { Invoice, invoiceListQuery, paymentBody } from "@shared/schemas/quote";
import type { z } from "zod";
import * as repo from "./invoice.repository";
import { quoteSubject, toTotals } from "./quote.mapper";
import { nextRunningNumber } from "./quote.repository";
import { lockQuote } from "./quote.service";
import { businessToday } from "./quote-actions.service";

export function toInvoice(row: repo.InvoiceRow, payments: repo.PaymentRow[], reader: Principal): Invoice {
  const money = (amount: string) => ({ amount, currency: row.currency });
  const status = row.status === "paid" || row.status === "overdue" ? row.status : "open";
  return {
    id: row.id,
    version: row.version,
    number: row.number,
    quoteId: row.quoteId,
    dealId: row.dealId,
    companyId: row.companyId,
    contactId: row.contactId,
    status,
    currency: row.currency,
    totals: toTotals(row.net, row.vat, row.gross, row.currency),
    paid: money(row.paidAmount),
    open: money(subtractMoney(row.gross, row.paidAmount)),
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    paidAt: row.paidAt?.toISOString() ?? null,
    payments: payments.map((p) => ({
      id: p.id,
      amount: money(p.amount),
      paidOn: p.paidOn,
      note: p.note,
      createdAt: p.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    abilities: abilitiesOf(reader, "invoice", { status }),
  };
}

export async function getInvoice(ctx: ServiceContext, id: string, db: DbOrTx = ctx.db): Promise<Invoice> {
  const row = await repo.findInvoice(db, id, dealVisibility(ctx));
  if (!row) throw notFound("invoice_not_found");
  return toInvoice(row, await repo.paymentsOf(db, [id]), ctx.actor);
}

export async function listInvoices(
  ctx: ServiceContext,
  query: z.output<typeof invoiceListQuery>,
): Promise<Page<Invoice>> {
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await repo.listInvoiceRows(ctx.db, dealVisibility(ctx), { ...query, cursor });
  const page = toPage(rows, query.limit, (r) => [r.createdAt.toISOString(), r.id]);
  const payments = await repo.paymentsOf(
    ctx.db,
    page.data.map((r) => r.id),
  );
  return {
    data: page.data.map((r) =>
      toInvoice(
        r,
        payments.filter((p) => p.invoiceId === r.id),
        ctx.actor,
      ),
    ),
    nextCursor: page.nextCursor,
  };
}

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * An accepted quote becomes its invoice: the next invoice number of the year (gap-free like quote
 * numbers), the quote's totals (its lines are frozen, so the invoice reads them), due after the
 * payment term.
 */
export async function invoiceQuote(
  ctx: ServiceContext,
  quoteId: string,
  options: { dueDays?: number | undefined; dueDate?: string | undefined },
) {
  authorize(ctx, "quote.invoice");
  // ISO days compare as text; an invoice due before it is written is a typing error.
  if (options.dueDate !== undefined && options.dueDate < businessToday().date)
    throw ruleViolation("due_date_past").at("dueDate");
  return ctx.db.transaction(async (tx) => {
    const { quote, invoiceId } = await lockQuote(ctx, tx, quoteId);
    authorize(ctx, "quote.invoice", quoteSubject(quote, invoiceId));
    const letterhead = await readLetterhead(tx);
    const { year, date } = businessToday();
    const number = formatDocumentNumber(
      letterhead.invoiceNumberScheme,
      year,
      await nextRunningNumber(tx, "invoice", year),
    );
    const row = await repo.insertInvoice(tx, {
      quoteId: quote.id,
      dealId: quote.dealId,
      companyId: quote.companyId,
      contactId: quote.contactId,
      number,
      currency: quote.currency,
      net: quote.net,
      vat: quote.vat,
      gross: quote.gross,
      issueDate: date,
      dueDate: options.dueDate ?? plusDays(date, options.dueDays ?? letterhead.paymentTermDays),
      createdBy: ctx.actor.id,
    });
    await audit(tx, ctx, "invoice.created", row, { number, quoteId: quote.id, gross: quote.gross });
    return getInvoice(ctx, row.id, tx);
  });
}

/** A payment recorded by hand; paid in full makes the invoice paid. More than is open is refused. */
export async function addPayment(ctx: ServiceContext, id: string, input: z.output<typeof paymentBody>) {
  authorize(ctx, "invoice.pay");
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findInvoice(tx, id, dealVisibility(ctx), true);
    if (!current) throw notFound("invoice_not_found");
    authorize(ctx, "invoice.pay", { status: current.status });
    if (input.amount.currency !== current.currency)
      throw ruleViolation("currency_not_deal", { currency: current.currency }).at("amount.currency");
    if (compareMoney(input.amount.amount, "0") <= 0)
      throw ruleViolation("payment_positive").at("amount.amount");
    const open = subtractMoney(current.gross, current.paidAmount);
    if (compareMoney(input.amount.amount, open) > 0)
      throw ruleViolation("payment_too_high", { open }).at("amount.amount");
    const { date } = businessToday();
    await repo.insertPayment(tx, {
      invoiceId: id,
      amount: input.amount.amount,
      paidOn: input.paidOn ?? date,
      note: input.note ?? null,
      createdBy: ctx.actor.id,
    });
    const paidAmount = addMoney(current.paidAmount, input.amount.amount);
    const paidInFull = compareMoney(paidAmount, current.gross) >= 0;
    const status = invoiceStatus(paidInFull, current.dueDate, date);
    const row = await repo.updateInvoiceRow(tx, id, {
      paidAmount,
      status,
      paidAt: paidInFull ? new Date() : null,
    });
    await audit(tx, ctx, "invoice.payment_recorded", row, {
      amount: input.amount.amount,
      status: { from: current.status, to: status },
    });
    return getInvoice(ctx, id, tx);
  });
}
