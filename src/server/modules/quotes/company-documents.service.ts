import { dealVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import type { Invoice, QuoteSummary } from "@shared/schemas/quote";
import * as invoiceRepo from "./invoice.repository";
import { toInvoice } from "./invoice.service";
import { toQuoteSummary } from "./quote.mapper";
import * as repo from "./quote.repository";
import { businessToday } from "./quote-actions.service";

export interface CompanyDocuments {
  quotes: QuoteSummary[];
  invoices: Invoice[];
  invoiceTotals: {
    open: { amount: string; currency: string }[];
    revenueThisYear: { amount: string; currency: string }[];
  };
}

/** A company's quotes and invoices for its file, each through its deal's gate; lists are bounded. */
export async function companyDocuments(
  ctx: ServiceContext,
  db: DbOrTx,
  companyId: string,
  limit: number,
): Promise<CompanyDocuments> {
  const visible = dealVisibility(ctx);
  const quoteRows = await repo.listQuoteRows(db, visible, { companyId, limit: limit - 1, cursor: null });
  const invoiceRows = await invoiceRepo.listInvoiceRows(db, visible, {
    companyId,
    limit: limit - 1,
    cursor: null,
  });
  const payments = await invoiceRepo.paymentsOf(
    db,
    invoiceRows.map((r) => r.id),
  );
  const totals = await invoiceRepo.companyInvoiceTotals(
    db,
    companyId,
    visible,
    `${businessToday().year}-01-01`,
  );
  return {
    quotes: quoteRows.map((r) => toQuoteSummary(r.quote, r.invoiceId, ctx.actor)),
    invoices: invoiceRows.map((r) =>
      toInvoice(
        r,
        payments.filter((p) => p.invoiceId === r.id),
        ctx.actor,
      ),
    ),
    invoiceTotals: {
      open: totals.map((t) => ({ amount: t.open, currency: t.currency })),
      revenueThisYear: totals.map((t) => ({ amount: t.revenue, currency: t.currency })),
    },
  };
}
