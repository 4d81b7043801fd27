import { trimDecimal } from "@domain/quotes/decimal";
import { companyVisibility, contactVisibility, dealVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { companies, contacts, users } from "@server/db/schema";
import { notFound } from "@server/errors";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import { and, eq } from "drizzle-orm";
import * as invoiceRepo from "./invoice.repository";
import { type LetterDocument, renderLetterPdf } from "./letter-pdf";
import type { Locale } from "./letter-texts";
import * as repo from "./quote.repository";

interface Parties {
  contactId: string;
  companyId: string;
  createdBy: string | null;
}

/**
 * The recipient and the sender's contact person of a document. Contact and company pass their own
 * gates: one the reader may not see is left out of the address rather than shown.
 */
async function parties(ctx: ServiceContext, db: DbOrTx, doc: Parties) {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, doc.contactId), contactVisibility(ctx)));
  const [company] = await db
    .select()
    .from(companies)
    .where(and(eq(companies.id, doc.companyId), companyVisibility(ctx)));
  const [author] = doc.createdBy
    ? await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, doc.createdBy))
    : [];
  const address = (company?.billingAddress ?? {}) as Record<string, string | null | undefined>;
  return {
    recipient: {
      company: company?.name ?? "",
      salutation: contact?.salutation ?? null,
      title: contact?.title ?? null,
      firstName: contact?.firstName ?? null,
      lastName: contact?.lastName ?? "",
      street: address.street ?? null,
      postalCode: address.postalCode ?? null,
      city: address.city ?? null,
      country: address.country ?? null,
    },
    contactPerson: author ?? { name: ctx.actor.name, email: ctx.actor.email },
    contactEmail: contact?.email ?? null,
  };
}

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

/** The quote as a letter: what its PDF and its email are made from. */
export async function quoteLetter(ctx: ServiceContext, id: string, locale?: Locale, db: DbOrTx = ctx.db) {
  const found = await repo.findQuote(db, id, dealVisibility(ctx));
  if (!found) throw notFound("quote_not_found");
  const { quote } = found;
  const lines = await repo.linesOf(db, [id]);
  const people = await parties(ctx, db, quote);
  const letter: LetterDocument = {
    kind: "quote",
    locale: locale ?? (quote.locale === "en" ? "en" : "de"),
    formality: quote.formality === "informal" ? "informal" : "formal",
    number: quote.number,
    revision: quote.revision,
    date: quote.sentAt
      ? new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(quote.sentAt)
      : today(),
    deadline: quote.validUntil,
    sender: await readLetterhead(db),
    recipient: people.recipient,
    contactPerson: people.contactPerson,
    introText: quote.introText,
    closingText: quote.closingText,
    currency: quote.currency,
    lines: lines.map((l) => ({
      description: l.description,
      quantity: trimDecimal(l.quantity),
      unit: l.unit,
      unitPrice: l.unitPrice,
      discountPercent: trimDecimal(l.discountPercent),
      vatRate: trimDecimal(l.vatRate),
      net: l.net,
    })),
    totals: totalsOf(quote.net, quote.vat, quote.gross),
  };
  return { letter, quote, contactEmail: people.contactEmail };
}

const totalsOf = (net: string, vat: unknown, gross: string) => ({
  net,
  vat: (Array.isArray(vat) ? (vat as { rate: string; amount: string }[]) : []).map((v) => ({
    rate: v.rate,
    amount: v.amount,
  })),
  gross,
});

const fileNameOf = (prefix: string, number: string | null) =>
  `${(number ?? prefix).replace(/[^\w.-]+/g, "_")}.pdf`;

export async function quotePdf(ctx: ServiceContext, id: string, locale?: Locale) {
  const { letter } = await quoteLetter(ctx, id, locale);
  return { fileName: fileNameOf("draft", letter.number), pdf: await renderLetterPdf(letter) };
}

/** The invoice as a letter: its own number, date and due date, the lines of its (frozen) quote. */
export async function invoicePdf(ctx: ServiceContext, id: string, locale?: Locale) {
  const invoice = await invoiceRepo.findInvoice(ctx.db, id, dealVisibility(ctx));
  if (!invoice) throw notFound("invoice_not_found");
  const { letter } = await quoteLetter(ctx, invoice.quoteId, locale);
  const invoiceLetter: LetterDocument = {
    ...letter,
    kind: "invoice",
    number: invoice.number,
    revision: 1,
    date: invoice.issueDate,
    deadline: invoice.dueDate,
    introText: null,
    closingText: null,
    totals: totalsOf(invoice.net, invoice.vat, invoice.gross),
  };
  return { fileName: fileNameOf("invoice", invoice.number), pdf: await renderLetterPdf(invoiceLetter) };
}
