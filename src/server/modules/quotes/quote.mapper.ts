import type { Principal } from "@domain/access-policy";
import { abilitiesOf } from "@domain/policy/policy";
import { trimDecimal } from "@domain/quotes/decimal";
import type { QuoteStatus } from "@domain/quotes/quote-status";
import type { VatAmount } from "@domain/quotes/quote-totals";
import type { Quote, QuoteSummary, Totals } from "@shared/schemas/quote";
import type { QuoteLineRow, QuoteRow } from "./quote.repository";

const asStatus = (status: string) => status as QuoteStatus;

/** The stored VAT breakdown (jsonb written by the server from quoteTotals) as the API's totals. */
export function toTotals(net: string, vat: unknown, gross: string, currency: string): Totals {
  const entries = Array.isArray(vat) ? (vat as VatAmount[]) : [];
  return {
    net: { amount: net, currency },
    vat: entries.map((v) => ({
      rate: v.rate,
      base: { amount: v.base, currency },
      amount: { amount: v.amount, currency },
    })),
    gross: { amount: gross, currency },
  };
}

export const quoteSubject = (row: QuoteRow, invoiceId: string | null) => ({
  status: asStatus(row.status),
  superseded: row.supersededById !== null,
  invoiced: invoiceId !== null,
});

export function toQuoteSummary(row: QuoteRow, invoiceId: string | null, reader: Principal): QuoteSummary {
  return {
    id: row.id,
    version: row.version,
    dealId: row.dealId,
    contactId: row.contactId,
    companyId: row.companyId,
    number: row.number,
    status: asStatus(row.status),
    revision: row.revision,
    previousQuoteId: row.previousQuoteId,
    supersededById: row.supersededById,
    invoiceId,
    currency: row.currency,
    locale: row.locale === "en" ? "en" : "de",
    formality: row.formality === "informal" ? "informal" : "formal",
    validUntil: row.validUntil,
    totals: toTotals(row.net, row.vat, row.gross, row.currency),
    sentAt: row.sentAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(reader, "quote", quoteSubject(row, invoiceId)),
  };
}

export function toQuote(
  row: QuoteRow,
  lines: QuoteLineRow[],
  invoiceId: string | null,
  reader: Principal,
): Quote {
  return {
    ...toQuoteSummary(row, invoiceId, reader),
    introText: row.introText,
    closingText: row.closingText,
    lines: lines.map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: trimDecimal(l.quantity),
      unit: l.unit,
      unitPrice: { amount: l.unitPrice, currency: row.currency },
      discountPercent: trimDecimal(l.discountPercent),
      vatRate: trimDecimal(l.vatRate),
      net: { amount: l.net, currency: row.currency },
    })),
  };
}
