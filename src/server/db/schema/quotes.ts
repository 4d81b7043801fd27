/**
 * Products, quotes, invoices and their document counters (issue #19). Quotes and invoices belong to
 * a deal and are seen by whoever sees the deal (the permission gate joins `deals`); products are the
 * shared price list.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { INVOICE_STATUSES, QUOTE_STATUSES } from "../../../domain/quotes/quote-status";
import { companies, contacts, deals, users } from "../schema";
import { createdAt, id, inList, tstz, updatedAt } from "./columns";
import { sortKey } from "./sort-key";

const money = (name: string) => numeric(name, { precision: 14, scale: 2 });
const percent = (name: string) => numeric(name, { precision: 5, scale: 2 });

export const products = pgTable(
  "products",
  {
    id: id(),
    name: text("name").notNull(),
    sku: text("sku"),
    description: text("description"),
    unit: text("unit").notNull().default("Stk"),
    netPrice: money("net_price").notNull(),
    vatRate: percent("vat_rate").notNull(),
    currency: text("currency").notNull().default("EUR"),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Name and SKU folded by f_search_text (case, accents, German "ae"): what the price list search matches. */
    searchText: text("search_text").generatedAlwaysAs(
      sql`f_search_text(coalesce(name, '') || ' ' || coalesce(sku, ''))`,
    ),
    sortKey: sortKey("sort_key", "name"),
  },
  (t) => [
    uniqueIndex("products_sku_key").on(sql`lower(${t.sku})`),
    index("products_name_idx").on(t.sortKey, t.id),
    index("products_active_name_idx").on(t.active, t.sortKey, t.id),
    index("products_created_idx").on(t.createdAt, t.id),
    index("products_search_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    check("products_net_price_check", sql`net_price >= 0`),
  ],
);

export const quotes = pgTable(
  "quotes",
  {
    id: id(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    /** null until sent (a draft has no number). */
    number: text("number"),
    status: text("status").notNull().default("draft"),
    /** 1 for a first quote; a revision counts on from the quote it replaces. */
    revision: integer("revision").notNull().default(1),
    previousQuoteId: uuid("previous_quote_id"),
    /** Set on a sent quote once a revision replaced it: it stays readable but is no longer acted on. */
    supersededById: uuid("superseded_by_id"),
    currency: text("currency").notNull(),
    locale: text("locale").notNull().default("de"),
    /** Sie or Du in the letter and the email. */
    formality: text("formality").notNull().default("formal"),
    validUntil: date("valid_until"),
    introText: text("intro_text"),
    closingText: text("closing_text"),
    net: money("net").notNull().default("0"),
    /** [{ rate, base, amount }] as computed by the server (domain/quotes/quote-totals.ts). */
    vat: jsonb("vat").notNull().default(sql`'[]'::jsonb`),
    gross: money("gross").notNull().default("0"),
    sentAt: tstz("sent_at"),
    decidedAt: tstz("decided_at"),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("quotes_number_key").on(t.number),
    index("quotes_deal_created_idx").on(t.dealId, t.createdAt, t.id),
    index("quotes_company_created_idx").on(t.companyId, t.createdAt, t.id),
    index("quotes_sent_valid_idx").on(t.validUntil).where(sql`status = 'sent'`),
    check("quotes_status_check", inList("status", QUOTE_STATUSES)),
    check("quotes_locale_check", inList("locale", ["de", "en"])),
    check("quotes_formality_check", inList("formality", ["formal", "informal"])),
    check("quotes_number_check", sql`status = 'draft' or number is not null`),
  ],
);

export const quoteLines = pgTable(
  "quote_lines",
  {
    id: id(),
    quoteId: uuid("quote_id")
      .notNull()
      .references(() => quotes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    productId: uuid("product_id").references(() => products.id),
    description: text("description").notNull(),
    quantity: numeric("quantity", { precision: 12, scale: 3 }).notNull(),
    unit: text("unit").notNull(),
    unitPrice: money("unit_price").notNull(),
    discountPercent: percent("discount_percent").notNull().default("0"),
    vatRate: percent("vat_rate").notNull(),
    /** The line's net after discount, rounded to the cent (computed by the server). */
    net: money("net").notNull(),
  },
  (t) => [
    uniqueIndex("quote_lines_position_key").on(t.quoteId, t.position),
    index("quote_lines_product_idx").on(t.productId),
    check("quote_lines_quantity_check", sql`quantity > 0`),
    check("quote_lines_discount_check", sql`discount_percent between 0 and 100`),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    quoteId: uuid("quote_id")
      .notNull()
      .references(() => quotes.id),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id),
    number: text("number").notNull(),
    status: text("status").notNull().default("open"),
    currency: text("currency").notNull(),
    net: money("net").notNull(),
    vat: jsonb("vat").notNull(),
    gross: money("gross").notNull(),
    paidAmount: money("paid_amount").notNull().default("0"),
    issueDate: date("issue_date").notNull(),
    dueDate: date("due_date").notNull(),
    paidAt: tstz("paid_at"),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.number),
    uniqueIndex("invoices_quote_key").on(t.quoteId),
    index("invoices_deal_created_idx").on(t.dealId, t.createdAt, t.id),
    index("invoices_company_issue_idx").on(t.companyId, t.issueDate, t.id),
    index("invoices_open_due_idx").on(t.dueDate).where(sql`status = 'open'`),
    check("invoices_status_check", inList("status", INVOICE_STATUSES)),
  ],
);

export const invoicePayments = pgTable(
  "invoice_payments",
  {
    id: id(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    amount: money("amount").notNull(),
    paidOn: date("paid_on").notNull(),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("invoice_payments_invoice_idx").on(t.invoiceId, t.paidOn),
    check("invoice_payments_amount_check", sql`amount > 0`),
  ],
);

/**
 * The last number given per document kind and year. Sending locks the row (the upsert takes the row
 * lock) until its transaction ends, so numbers are gap-free: a rolled-back send gives its number back.
 */
export const documentCounters = pgTable(
  "document_counters",
  {
    kind: text("kind").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);
