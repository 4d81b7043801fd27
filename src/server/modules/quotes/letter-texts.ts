/**
 * The words of quote and invoice letters and emails in German and English, with the Sie/Du form of
 * address (issue #19). Kept beside the PDF rather than in the web's i18n files: the server writes
 * these documents, and the customer's language is the quote's, not the user's.
 */
import { letterSalutation } from "@domain/contacts/letter-salutation";

export type Locale = "de" | "en";
export type Formality = "formal" | "informal";

export interface Addressee {
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string;
}

/**
 * "Sehr geehrte Frau Dr. Schmidt," / "Hallo Anna," / "Dear Dr Schmidt," / "Hi Anna,": the letter
 * salutation of the contact pages and exports (src/domain/contacts/letter-salutation.ts) with its comma.
 */
export function greeting(locale: Locale, formality: Formality, person: Addressee): string {
  return `${letterSalutation({ ...person, formality }, locale)},`;
}

const DE = {
  quote: "Angebot",
  invoice: "Rechnung",
  draft: "Entwurf",
  revision: "Fassung",
  number: { quote: "Angebotsnr.", invoice: "Rechnungsnr." },
  date: "Datum",
  validUntil: "Gültig bis",
  dueDate: "Zahlbar bis",
  contactPerson: "Ihr Ansprechpartner",
  customer: "Kunde",
  pos: "Pos.",
  description: "Bezeichnung",
  quantity: "Menge",
  unitPrice: "Einzelpreis",
  discount: "Rabatt",
  vat: "USt.",
  amount: "Betrag",
  net: "Summe netto",
  vatLine: (rate: string) => `zzgl. ${rate} % USt.`,
  gross: "Gesamtbetrag",
  page: (n: number, of: number) => `Seite ${n} von ${of}`,
  vatId: "USt-IdNr.",
  bank: "Bankverbindung",
  manager: "Geschäftsführung",
  regards: { formal: "Mit freundlichen Grüßen", informal: "Viele Grüße" },
  intro: {
    quote: {
      formal: "vielen Dank für Ihre Anfrage. Gern bieten wir Ihnen Folgendes an:",
      informal: "vielen Dank für deine Anfrage. Gern bieten wir dir Folgendes an:",
    },
    invoice: {
      formal: "vielen Dank für Ihren Auftrag. Wir stellen Ihnen folgende Leistungen in Rechnung:",
      informal: "vielen Dank für deinen Auftrag. Wir stellen dir folgende Leistungen in Rechnung:",
    },
  },
  closing: {
    quote: {
      formal: "Wir freuen uns auf Ihre Zusage. Bei Fragen sind wir gern für Sie da.",
      informal: "Wir freuen uns auf deine Zusage. Bei Fragen sind wir gern für dich da.",
    },
    invoice: {
      formal: "Bitte überweisen Sie den Gesamtbetrag bis zum {due} unter Angabe der Rechnungsnummer.",
      informal: "Bitte überweise den Gesamtbetrag bis zum {due} unter Angabe der Rechnungsnummer.",
    },
  },
};
type Texts = typeof DE;

const EN: Texts = {
  quote: "Quote",
  invoice: "Invoice",
  draft: "Draft",
  revision: "Revision",
  number: { quote: "Quote no.", invoice: "Invoice no." },
  date: "Date",
  validUntil: "Valid until",
  dueDate: "Due by",
  contactPerson: "Your contact",
  customer: "Customer",
  pos: "Item",
  description: "Description",
  quantity: "Qty",
  unitPrice: "Unit price",
  discount: "Discount",
  vat: "VAT",
  amount: "Amount",
  net: "Net total",
  vatLine: (rate: string) => `plus ${rate} % VAT`,
  gross: "Total",
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  vatId: "VAT ID",
  bank: "Bank details",
  manager: "Managing director",
  regards: { formal: "Kind regards", informal: "Best wishes" },
  intro: {
    quote: {
      formal: "thank you for your enquiry. We are pleased to offer you the following:",
      informal: "thanks for your enquiry. Here is what we can offer you:",
    },
    invoice: {
      formal: "thank you for your order. We invoice you for the following:",
      informal: "thanks for your order. Here is our invoice for the following:",
    },
  },
  closing: {
    quote: {
      formal: "We look forward to your acceptance and are happy to answer any questions.",
      informal: "We look forward to hearing from you; just ask if anything is unclear.",
    },
    invoice: {
      formal: "Please transfer the total by {due}, quoting the invoice number.",
      informal: "Please transfer the total by {due}, quoting the invoice number.",
    },
  },
};

export const textsFor = (locale: Locale): Texts => (locale === "de" ? DE : EN);

/** 23.11.2026 in German (DIN 5008 numeric date), 23 November 2026 in English. */
export function formatDate(isoDay: string, locale: Locale): string {
  const [y, m, d] = isoDay.split("-");
  if (locale === "de") return `${d}.${m}.${y}`;
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** 1.234,50 € in German, €1,234.50 in English; from the exact decimal string. */
export function formatMoney(amount: string, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { style: "currency", currency }).format(
    Number(amount),
  );
}

/** 1,5 / 1.5 and 19 without trailing zeros. */
export function formatDecimal(value: string, locale: Locale): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 3 }).format(
    Number(value),
  );
}

/**
 * The built-in emails a quote is sent with, as templates an admin may change in the settings
 * (`quote-email-templates.service.ts`). They say what the fixed texts said before templates existed.
 */
export const DEFAULT_EMAIL_TEMPLATES = {
  de: {
    formal: {
      subject: "Angebot {{quoteNumber}} von {{companyName}}",
      body: "{{greeting}}\n\nanbei erhalten Sie unser Angebot {{quoteNumber}} als PDF. Es ist gültig bis {{validUntil}}.\n\nMit freundlichen Grüßen\n{{senderName}}\n{{companyName}}",
    },
    informal: {
      subject: "Angebot {{quoteNumber}} von {{companyName}}",
      body: "{{greeting}}\n\nanbei bekommst du unser Angebot {{quoteNumber}} als PDF. Es ist gültig bis {{validUntil}}.\n\nViele Grüße\n{{senderName}}\n{{companyName}}",
    },
  },
  en: {
    formal: {
      subject: "Quote {{quoteNumber}} from {{companyName}}",
      body: "{{greeting}}\n\nplease find attached our quote {{quoteNumber}} as a PDF. It is valid until {{validUntil}}.\n\nKind regards\n{{senderName}}\n{{companyName}}",
    },
    informal: {
      subject: "Quote {{quoteNumber}} from {{companyName}}",
      body: "{{greeting}}\n\nattached is our quote {{quoteNumber}} as a PDF. It is valid until {{validUntil}}.\n\nBest wishes\n{{senderName}}\n{{companyName}}",
    },
  },
} as const;

export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? "");
