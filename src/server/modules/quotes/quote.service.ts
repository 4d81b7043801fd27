import { authorize } from "@server/access/authorize";
import { assertCurrentVersion } from "@server/access/record-guards";
import { contactVisibility, dealVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx, Tx } from "@server/db/client";
import { decodeCursor, toPage } from "@server/db/keyset";
import { notFound, ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { findContactFormality } from "@server/modules/contacts/contact.repository";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import type { Page } from "@shared/schemas/common";
import type {
  createQuoteBody,
  previewTotalsBody,
  Quote,
  QuoteSummary,
  quoteListQuery,
  updateQuoteBody,
} from "@shared/schemas/quote";
import type { z } from "zod";
import { quoteSubject, toQuote, toQuoteSummary, toTotals } from "./quote.mapper";
import * as repo from "./quote.repository";
import { resolveLines } from "./quote-lines";

export type CreateQuoteInput = z.output<typeof createQuoteBody>;
export type UpdateQuoteInput = z.output<typeof updateQuoteBody>;

/** One quote with its lines, through its deal's gate (404 when the deal is not visible). */
export async function getQuote(ctx: ServiceContext, id: string, db: DbOrTx = ctx.db): Promise<Quote> {
  const found = await repo.findQuote(db, id, dealVisibility(ctx));
  if (!found) throw notFound("quote_not_found");
  return toQuote(found.quote, await repo.linesOf(db, [id]), found.invoiceId, ctx.actor);
}

/** The visible quote, locked for the rest of the transaction, version checked. */
export async function lockQuote(ctx: ServiceContext, tx: Tx, id: string, version?: number) {
  const found = await repo.findQuoteForUpdate(tx, id, dealVisibility(ctx));
  if (!found) throw notFound("quote_not_found");
  assertCurrentVersion("quote", found.quote, version);
  return found;
}

export async function listQuotes(
  ctx: ServiceContext,
  query: z.output<typeof quoteListQuery>,
): Promise<Page<QuoteSummary>> {
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await repo.listQuoteRows(ctx.db, dealVisibility(ctx), {
    dealId: query.dealId,
    companyId: query.companyId,
    limit: query.limit,
    cursor,
  });
  const page = toPage(rows, query.limit, (r) => [r.quote.createdAt.toISOString(), r.quote.id]);
  return {
    data: page.data.map((r) => toQuoteSummary(r.quote, r.invoiceId, ctx.actor)),
    nextCursor: page.nextCursor,
  };
}

/**
 * The deal a quote is written for: visible, with a company and a contact (PRODUCT.md: a quote needs
 * both); the client's currency, when given, must be the deal's.
 */
async function quoteDeal(ctx: ServiceContext, db: DbOrTx, dealId: string, currency?: string) {
  const deal = await repo.dealForQuote(db, dealId, dealVisibility(ctx));
  if (!deal) throw notFound("deal_not_found");
  if (!deal.companyId || !deal.companyLive) throw ruleViolation("quote_needs_company").at("companyId");
  if (!deal.contactId) throw ruleViolation("quote_needs_contact").at("contactId");
  if (currency !== undefined && currency !== deal.currency)
    throw ruleViolation("currency_not_deal", { currency: deal.currency }).at("currency");
  return { ...deal, companyId: deal.companyId, contactId: deal.contactId };
}

/** Lines and totals as the server computes them, for the editor's live totals; nothing is stored. */
export async function previewTotals(ctx: ServiceContext, input: z.output<typeof previewTotalsBody>) {
  const deal = await repo.dealForQuote(ctx.db, input.dealId, dealVisibility(ctx));
  if (!deal) throw notFound("deal_not_found");
  const { customVatRates } = await readLetterhead(ctx.db);
  const { lines, totals } = await resolveLines(ctx.db, input.lines, deal.currency, customVatRates);
  return {
    lines: lines.map((l) => ({
      productId: l.productId ?? null,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: { amount: l.unitPrice, currency: deal.currency },
      discountPercent: l.discountPercent ?? "0",
      vatRate: l.vatRate,
      net: { amount: l.net, currency: deal.currency },
    })),
    totals: toTotals(totals.net, totals.vat, totals.gross, deal.currency),
  };
}

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A draft for a deal; its totals are computed here from its lines. */
export async function createQuote(ctx: ServiceContext, input: CreateQuoteInput): Promise<Quote> {
  authorize(ctx, "quote.create");
  return ctx.db.transaction(async (tx) => {
    const deal = await quoteDeal(ctx, tx, input.dealId, input.currency);
    const letterhead = await readLetterhead(tx);
    const { lines, totals } = await resolveLines(tx, input.lines, deal.currency, letterhead.customVatRates);
    const row = await repo.insertQuote(tx, {
      dealId: deal.id,
      contactId: deal.contactId,
      companyId: deal.companyId,
      currency: deal.currency,
      locale: input.locale ?? ctx.actor.locale,
      // Sie or Du as the contact is addressed (issue #20), unless the quote says otherwise.
      formality:
        input.formality ??
        (deal.contactId
          ? await findContactFormality(tx, deal.contactId, contactVisibility(ctx))
          : undefined) ??
        "formal",
      validUntil: input.validUntil === undefined ? addDays(letterhead.quoteValidDays) : input.validUntil,
      introText: input.introText ?? null,
      closingText: input.closingText ?? null,
      net: totals.net,
      vat: totals.vat,
      gross: totals.gross,
      createdBy: ctx.actor.id,
    });
    await repo.replaceLines(tx, row.id, lines);
    await audit(tx, ctx, "quote.created", row, { dealId: deal.id, net: totals.net });
    return getQuote(ctx, row.id, tx);
  });
}

/** Changes a draft; a sent quote's content is frozen (revise it instead). */
export async function updateQuote(ctx: ServiceContext, id: string, input: UpdateQuoteInput): Promise<Quote> {
  authorize(ctx, "quote.update");
  return ctx.db.transaction(async (tx) => {
    const { quote, invoiceId } = await lockQuote(ctx, tx, id, input.version);
    authorize(ctx, "quote.update", quoteSubject(quote, invoiceId));
    if (input.currency !== undefined && input.currency !== quote.currency)
      throw ruleViolation("currency_not_deal", { currency: quote.currency }).at("currency");
    const values: Partial<repo.NewQuoteRow> = {};
    if (input.locale !== undefined) values.locale = input.locale;
    if (input.formality !== undefined) values.formality = input.formality;
    if (input.validUntil !== undefined) values.validUntil = input.validUntil ?? null;
    if (input.introText !== undefined) values.introText = input.introText ?? null;
    if (input.closingText !== undefined) values.closingText = input.closingText ?? null;
    if (input.lines !== undefined) {
      const { customVatRates } = await readLetterhead(tx);
      const { lines, totals } = await resolveLines(tx, input.lines, quote.currency, customVatRates);
      await repo.replaceLines(tx, id, lines);
      Object.assign(values, { net: totals.net, vat: totals.vat, gross: totals.gross });
    }
    const row = await repo.updateQuoteRow(tx, id, values);
    await audit(tx, ctx, "quote.updated", row, {
      fields: Object.keys(input).filter((k) => k !== "version"),
      ...(row.net !== quote.net && { net: { from: quote.net, to: row.net } }),
    });
    return getQuote(ctx, id, tx);
  });
}

/** Only a draft can be deleted: a sent quote is part of what the customer holds. */
export async function deleteQuote(ctx: ServiceContext, id: string): Promise<void> {
  authorize(ctx, "quote.delete");
  await ctx.db.transaction(async (tx) => {
    const { quote, invoiceId } = await lockQuote(ctx, tx, id);
    authorize(ctx, "quote.delete", quoteSubject(quote, invoiceId));
    await repo.deleteQuoteRow(tx, id);
    // A deleted draft revision gives its place back to the quote it would have replaced.
    if (quote.previousQuoteId) await repo.updateQuoteRow(tx, quote.previousQuoteId, { supersededById: null });
    await audit(tx, ctx, "quote.deleted", { id }, { dealId: quote.dealId });
  });
}
