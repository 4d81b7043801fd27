/**
 * Products, quotes and invoices (issue #19; field names fixed in API.md): rates, percents and
 * quantities are decimal strings ("19", "10", "2"), money is `{ amount, currency }`. Totals are the
 * server's alone: requests carry lines, never sums.
 */
import { INVOICE_STATUSES, QUOTE_STATUSES } from "@domain/quotes/quote-status";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { invoiceAbilitiesSchema, quoteAbilitiesSchema } from "./abilities";
import { csv, idSchema, isoDateTime, isoDay, listQuery, localeSchema, versionField } from "./common";
import { moneyInputSchema, moneySchema, optionalText } from "./fields";
import { fieldsDescription } from "./sparse-fields";

/** A decimal string that must be a number above 0 with at most 3 decimals. */
export const quantitySchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}(\.\d{1,3})?$/, { message: msg("quantity_invalid"), abort: true })
  .refine((v) => Number(v) > 0, msg("quantity_positive"))
  .describe('Quantity as a decimal string above 0, e.g. "2" or "1.5"');

export const discountSchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}(\.\d{1,2})?$/, { message: msg("discount_invalid"), abort: true })
  .refine((v) => Number(v) >= 0 && Number(v) <= 100, msg("discount_range"))
  .describe('Discount in percent, 0 to 100, e.g. "10"');

/** A rate's format; whether it is offered (19, 7, 0 or a custom rate of the settings) the server checks. */
export const vatRateSchema = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, msg("vat_rate_invalid"))
  .describe('VAT rate in percent: "19", "7", "0" or a custom rate from the settings');

const unitSchema = z.string().trim().min(1).max(20).describe('Unit, e.g. "Stk", "h", "Lizenz"');

// --- products -------------------------------------------------------------------------------------

export const productSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  name: z.string(),
  sku: z.string().nullable(),
  description: z.string().nullable(),
  unit: z.string(),
  netPrice: moneySchema,
  vatRate: z.string(),
  currency: z.string(),
  active: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Product = z.infer<typeof productSchema>;
/** A list item with the fields a client asked for (`fields=`); without `fields`, every field. */
export const productListItemSchema = productSchema.partial().required({ id: true, version: true });

export const createProductBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  sku: optionalText(60),
  description: optionalText(2000),
  unit: unitSchema.default("Stk"),
  netPrice: moneyInputSchema,
  vatRate: vatRateSchema,
  active: z.boolean().default(true),
});
export const updateProductBody = createProductBody.partial().extend({ version: versionField.optional() });

export const PRODUCT_SORTS = ["name", "-name", "createdAt", "-createdAt"] as const;
export const productListQuery = listQuery.extend({
  sort: z.enum(PRODUCT_SORTS).default("name"),
  active: z.stringbool().optional().describe("Only active (true) or inactive (false) products"),
  fields: csv(productSchema.keyof()).describe(fieldsDescription("product")),
});
export const productExportQuery = z.strictObject({
  locale: localeSchema.default("de").describe("de: semicolons and 1.234,50; en: commas and 1234.50"),
});
export const productImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int().describe("Rows whose SKU matched an existing product"),
});

// --- quotes ---------------------------------------------------------------------------------------

export const quoteLineInput = z.strictObject({
  productId: idSchema
    .nullish()
    .describe("A product of the price list; its name, unit, price and rate fill what is left out"),
  description: z.string().trim().min(1).max(2000).optional(),
  quantity: quantitySchema,
  unit: unitSchema.optional(),
  unitPrice: moneyInputSchema.optional(),
  discountPercent: discountSchema.default("0"),
  vatRate: vatRateSchema.optional(),
});
export type QuoteLineInput = z.output<typeof quoteLineInput>;

/** 500 lines is far beyond any real quote; more is refused by name (the issue's 10,000-line case). */
export const MAX_QUOTE_LINES = 500;
const linesSchema = z.array(quoteLineInput).max(MAX_QUOTE_LINES);

const quoteFields = {
  locale: localeSchema
    .optional()
    .describe("Language of the PDF and email; default the contact's or the user's"),
  formality: z.enum(["formal", "informal"]).optional().describe("Sie (formal) or Du (informal)"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, msg("currency_invalid"))
    .optional()
    .describe("Must be the deal's"),
  validUntil: isoDay.nullish(),
  introText: optionalText(5000),
  closingText: optionalText(5000),
  lines: linesSchema,
};
export const createQuoteBody = z.strictObject({ dealId: idSchema, ...quoteFields });
export const updateQuoteBody = z
  .strictObject({ ...quoteFields, lines: linesSchema.optional() })
  .extend({ version: versionField.optional() });
export const previewTotalsBody = z.strictObject({ dealId: idSchema, lines: linesSchema });

export const vatAmountSchema = z.object({ rate: z.string(), base: moneySchema, amount: moneySchema });
export const totalsSchema = z.object({
  net: moneySchema,
  vat: z.array(vatAmountSchema).describe("One entry per rate, highest first"),
  gross: moneySchema,
});
export type Totals = z.infer<typeof totalsSchema>;

export const quoteLineSchema = z.object({
  productId: idSchema.nullable(),
  description: z.string(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: moneySchema,
  discountPercent: z.string(),
  vatRate: z.string(),
  net: moneySchema.describe("The line's net after discount, rounded to the cent"),
});
export const previewTotalsSchema = z.object({ lines: z.array(quoteLineSchema), totals: totalsSchema });

export const quoteStatusSchema = z.enum(QUOTE_STATUSES);
export const quoteSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  dealId: idSchema,
  contactId: idSchema,
  companyId: idSchema,
  number: z.string().nullable().describe("null until sent"),
  status: quoteStatusSchema,
  revision: z.number().int(),
  previousQuoteId: idSchema.nullable(),
  supersededById: idSchema.nullable(),
  invoiceId: idSchema.nullable(),
  currency: z.string(),
  locale: localeSchema,
  formality: z.enum(["formal", "informal"]),
  validUntil: z.string().nullable(),
  introText: z.string().nullable(),
  closingText: z.string().nullable(),
  lines: z.array(quoteLineSchema),
  totals: totalsSchema,
  sentAt: isoDateTime.nullable(),
  decidedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  abilities: quoteAbilitiesSchema,
});
export type Quote = z.infer<typeof quoteSchema>;

/** A quote as lists show it (no lines). */
export const quoteSummarySchema = quoteSchema.omit({ lines: true, introText: true, closingText: true });
export type QuoteSummary = z.infer<typeof quoteSummarySchema>;

export const quoteListQuery = listQuery.omit({ q: true }).extend({
  dealId: idSchema.optional(),
  companyId: idSchema.optional(),
});
export const acceptQuoteBody = z
  .strictObject({
    winDeal: z.boolean().default(true).describe("Mark the deal won with the quote's net total"),
  })
  .default({ winDeal: true });
export const invoiceQuoteBody = z
  .strictObject({
    dueDays: z.number().int().min(0).max(365).optional().describe("Days from today until payment is due"),
    dueDate: isoDay.optional().describe("The due date itself (today or later); wins over dueDays"),
  })
  .default({});
export const sendQuoteBody = z
  .strictObject({
    version: versionField.optional(),
    email: z
      .strictObject({
        to: z.email(msg("email_invalid")).max(254).optional().describe("Default: the contact's email"),
        message: z.string().trim().min(1).max(5000).optional().describe("Replaces the template's text"),
      })
      .optional()
      .describe("Also email the PDF (through the outbox) and record it as an email activity"),
  })
  .default({});
export const pdfQuery = z.strictObject({ locale: localeSchema.optional() });

// --- invoices -------------------------------------------------------------------------------------

export const paymentSchema = z.object({
  id: idSchema,
  amount: moneySchema,
  paidOn: z.string(),
  note: z.string().nullable(),
  createdAt: isoDateTime,
});
export const invoiceSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  number: z.string(),
  quoteId: idSchema,
  dealId: idSchema,
  companyId: idSchema,
  contactId: idSchema,
  status: z.enum(INVOICE_STATUSES),
  currency: z.string(),
  totals: totalsSchema,
  paid: moneySchema,
  open: moneySchema,
  issueDate: z.string(),
  dueDate: z.string(),
  paidAt: isoDateTime.nullable(),
  payments: z.array(paymentSchema),
  createdAt: isoDateTime,
  abilities: invoiceAbilitiesSchema,
});
export type Invoice = z.infer<typeof invoiceSchema>;
export const invoiceListQuery = listQuery.omit({ q: true }).extend({
  dealId: idSchema.optional(),
  companyId: idSchema.optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
});
export const paymentBody = z.strictObject({
  amount: moneyInputSchema,
  paidOn: isoDay.optional().describe("Default today"),
  note: optionalText(500),
});

// --- settings: letterhead and numbering -----------------------------------------------------------

export const letterheadSchema = z.strictObject({
  companyName: z.string().trim().max(200).default(""),
  street: z.string().trim().max(200).default(""),
  postalCode: z.string().trim().max(20).default(""),
  city: z.string().trim().max(100).default(""),
  country: z.string().trim().max(100).default(""),
  phone: z.string().trim().max(50).default(""),
  email: z.string().trim().max(200).default(""),
  website: z.string().trim().max(200).default(""),
  vatId: z.string().trim().max(30).default(""),
  register: z
    .string()
    .trim()
    .max(200)
    .default("")
    .describe("Court and number, e.g. Amtsgericht München HRB 12345"),
  managingDirector: z.string().trim().max(200).default(""),
  bankName: z.string().trim().max(100).default(""),
  iban: z.string().trim().max(40).default(""),
  bic: z.string().trim().max(20).default(""),
  footer: z.string().trim().max(500).default(""),
  /** A PNG or JPEG as a data URL, at most about 200 kB. */
  logo: z
    .string()
    .max(280_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, msg("invalid"))
    .nullable()
    .default(null),
  quoteNumberScheme: z.string().trim().max(60).default("AN-{YYYY}-{NNNN}"),
  invoiceNumberScheme: z.string().trim().max(60).default("RE-{YYYY}-{NNNN}"),
  customVatRates: z.array(vatRateSchema).max(10).default([]),
  vatRateLabels: z
    .array(
      z.strictObject({
        rate: vatRateSchema,
        label: z
          .string()
          .trim()
          .min(1, msg("required"))
          .max(200, msg("too_long", { count: 200 })),
      }),
    )
    .max(20)
    .default([])
    .describe("What a rate means, shown in the pickers and under the totals (e.g. reverse charge)"),
  quoteValidDays: z.number().int().min(1).max(365).default(30),
  paymentTermDays: z.number().int().min(0).max(365).default(14),
});
export type Letterhead = z.output<typeof letterheadSchema>;
export const updateLetterheadBody = letterheadSchema.partial();
export const letterheadPreviewQuery = z.strictObject({ locale: localeSchema.default("de") });

// --- settings: the email a quote is sent with -------------------------------------------------------

export const emailTemplateSchema = z.strictObject({
  subject: z
    .string()
    .trim()
    .min(1, msg("required"))
    .max(300, msg("too_long", { count: 300 })),
  body: z
    .string()
    .trim()
    .min(1, msg("required"))
    .max(5000, msg("too_long", { count: 5000 })),
});
const formalities = z.strictObject({ formal: emailTemplateSchema, informal: emailTemplateSchema });
export const quoteEmailTemplatesBody = z.strictObject({ de: formalities, en: formalities });
export type QuoteEmailTemplates = z.output<typeof quoteEmailTemplatesBody>;
export const quoteEmailTemplatesSchema = z.object({
  templates: quoteEmailTemplatesBody,
  defaults: quoteEmailTemplatesBody.describe("The built-in texts, for a reset"),
  placeholders: z.array(z.string()).describe("What {{…}} may name"),
});
export const emailTemplatePreviewBody = emailTemplateSchema.extend({
  locale: localeSchema,
  formality: z.enum(["formal", "informal"]),
});
export const emailTemplatePreviewSchema = z.object({ subject: z.string(), body: z.string() });
