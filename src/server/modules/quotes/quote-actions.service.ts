import { formatDocumentNumber } from "@domain/quotes/document-number";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { ruleViolation } from "@server/errors";
import { dealChanged, type LiveMessage } from "@server/live/live-message";
import { audit } from "@server/modules/audit/audit";
import * as dealRepo from "@server/modules/deals/deal.repository";
import { lockDeal } from "@server/modules/deals/deal.service";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import type { Quote } from "@shared/schemas/quote";
import { quoteSubject } from "./quote.mapper";
import * as repo from "./quote.repository";
import { getQuote, lockQuote } from "./quote.service";
import { emailQuote, type QuoteEmailInput } from "./quote-email";

/** A change and the live messages to publish once it committed. */
export interface QuoteChange {
  quote: Quote;
  live: LiveMessage[];
}

/** Today's year and date where the business is (German documents are dated in German time). */
export function businessToday(now = new Date()): { year: number; date: string } {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(now);
  return { year: Number(date.slice(0, 4)), date };
}

/**
 * Sends a draft (and, when asked, emails it with its PDF through the outbox): it gets the next number of the year from the scheme in the settings (gap-free:
 * the counter row stays locked until this transaction ends) and its content is frozen from now on.
 * The mail only enters the durable outbox here, so a mail server being down never undoes a send.
 */
export async function sendQuote(
  ctx: ServiceContext,
  id: string,
  options: { version?: number | undefined; email?: QuoteEmailInput | undefined } = {},
): Promise<Quote> {
  authorize(ctx, "quote.send");
  return ctx.db.transaction(async (t) => {
    const { quote, invoiceId } = await lockQuote(ctx, t, id, options.version);
    authorize(ctx, "quote.send", quoteSubject(quote, invoiceId));
    if ((await repo.linesOf(t, [id])).length === 0) throw ruleViolation("quote_needs_lines").at("lines");
    const { quoteNumberScheme } = await readLetterhead(t);
    const { year } = businessToday();
    const number = formatDocumentNumber(
      quoteNumberScheme,
      year,
      await repo.nextRunningNumber(t, "quote", year),
    );
    const row = await repo.updateQuoteRow(t, id, { number, status: "sent", sentAt: new Date() });
    await audit(t, ctx, "quote.sent", row, { number, status: { from: "draft", to: "sent" } });
    if (options.email) {
      const deal = await lockDeal(ctx, t, quote.dealId, undefined);
      await emailQuote(ctx, t, id, deal, options.email);
    }
    return getQuote(ctx, id, t);
  });
}

/**
 * The customer accepted: unless `winDeal` is false, the deal is marked won in the same transaction
 * with the quote's net total as its amount (a deal closed already keeps its result).
 */
export async function acceptQuote(
  ctx: ServiceContext,
  id: string,
  options: { winDeal: boolean },
): Promise<QuoteChange> {
  authorize(ctx, "quote.accept");
  return ctx.db.transaction(async (tx) => {
    const { quote, invoiceId } = await lockQuote(ctx, tx, id);
    authorize(ctx, "quote.accept", quoteSubject(quote, invoiceId));
    const live: LiveMessage[] = [];
    if (options.winDeal) {
      const deal = await lockDeal(ctx, tx, quote.dealId, undefined);
      if (deal.status === "open") {
        authorize(ctx, "deal.close", deal);
        const now = new Date();
        await dealRepo.closeStageHistory(tx, deal.id, now);
        const won = await dealRepo.updateDealRow(tx, deal.id, {
          status: "won",
          closedAt: now,
          lostReason: null,
          amount: quote.net,
          currency: quote.currency,
        });
        await audit(
          tx,
          ctx,
          "deal.won",
          { id: deal.id },
          {
            status: { from: "open", to: "won" },
            amount: { from: deal.amount, to: quote.net },
            quoteId: quote.id,
          },
        );
        live.push(dealChanged(won));
      }
    }
    const row = await repo.updateQuoteRow(tx, id, { status: "accepted", decidedAt: new Date() });
    await audit(tx, ctx, "quote.accepted", row, {
      status: { from: "sent", to: "accepted" },
      winDeal: options.winDeal,
    });
    return { quote: await getQuote(ctx, id, tx), live };
  });
}

export async function declineQuote(ctx: ServiceContext, id: string): Promise<Quote> {
  authorize(ctx, "quote.decline");
  return ctx.db.transaction(async (tx) => {
    const { quote, invoiceId } = await lockQuote(ctx, tx, id);
    authorize(ctx, "quote.decline", quoteSubject(quote, invoiceId));
    const row = await repo.updateQuoteRow(tx, id, { status: "declined", decidedAt: new Date() });
    await audit(tx, ctx, "quote.declined", row, { status: { from: "sent", to: "declined" } });
    return getQuote(ctx, id, tx);
  });
}

/**
 * Revising a sent quote: a new draft with the same content and the next revision number takes its
 * place; the sent one stays as it was (readable, its PDF unchanged) but is no longer accepted or
 * declined. Sending the revision gives it a number of its own.
 */
export async function reviseQuote(ctx: ServiceContext, id: string): Promise<Quote> {
  authorize(ctx, "quote.revise");
  return ctx.db.transaction(async (tx) => {
    const { quote, invoiceId } = await lockQuote(ctx, tx, id);
    authorize(ctx, "quote.revise", quoteSubject(quote, invoiceId));
    const { quoteValidDays } = await readLetterhead(tx);
    const validUntil = new Date(Date.now() + quoteValidDays * 86_400_000).toISOString().slice(0, 10);
    const next = await repo.insertQuote(tx, {
      dealId: quote.dealId,
      contactId: quote.contactId,
      companyId: quote.companyId,
      currency: quote.currency,
      locale: quote.locale,
      formality: quote.formality,
      validUntil,
      introText: quote.introText,
      closingText: quote.closingText,
      net: quote.net,
      vat: quote.vat,
      gross: quote.gross,
      revision: quote.revision + 1,
      previousQuoteId: quote.id,
      createdBy: ctx.actor.id,
    });
    const lines = await repo.linesOf(tx, [id]);
    await repo.replaceLines(
      tx,
      next.id,
      lines.map(({ id: _id, quoteId: _q, ...line }) => line),
    );
    await repo.updateQuoteRow(tx, id, { supersededById: next.id });
    await audit(tx, ctx, "quote.revised", next, { previousQuoteId: id, revision: next.revision });
    return getQuote(ctx, next.id, tx);
  });
}
