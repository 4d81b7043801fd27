import type { Page } from "@shared/schemas/common";
import type {
  createProductBody,
  createQuoteBody,
  emailTemplatePreviewBody,
  Invoice,
  Letterhead,
  Product,
  previewTotalsSchema,
  Quote,
  QuoteEmailTemplates,
  QuoteSummary,
  quoteEmailTemplatesSchema,
  updateQuoteBody,
} from "@shared/schemas/quote";
import { apiRequest, apiSend, apiUrl } from "@web/api/api-client";
import type { z } from "zod";

export type { Invoice, Letterhead, Product, Quote, QuoteSummary };
export type CreateQuoteRequest = z.input<typeof createQuoteBody>;
export type UpdateQuoteRequest = z.input<typeof updateQuoteBody>;
export type LineRequest = CreateQuoteRequest["lines"][number];
export type PreviewTotals = z.infer<typeof previewTotalsSchema>;
export type ProductRequest = z.input<typeof createProductBody>;
export type { QuoteEmailTemplates };
export type QuoteEmailTemplatesResponse = z.infer<typeof quoteEmailTemplatesSchema>;

const quotePath = (id: string) => `/quotes/${encodeURIComponent(id)}`;
const invoicePath = (id: string) => `/invoices/${encodeURIComponent(id)}`;

export const productsApi = {
  list: (query: { q?: string; active?: boolean; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    apiRequest<Page<Product>>("/products", { query, signal }),
  create: (body: ProductRequest) => apiRequest<Product>("/products", { method: "POST", body }),
  update: (id: string, body: Partial<ProductRequest> & { version?: number }) =>
    apiRequest<Product>(`/products/${encodeURIComponent(id)}`, { method: "PATCH", body }),
  exportUrl: (locale: string) => apiUrl("/products/export.csv", { locale }),
  import: (text: string) =>
    apiRequest<{ created: number; updated: number }>("/products/import", {
      method: "POST",
      rawBody: { contentType: "text/csv", text },
    }),
};

export const quotesApi = {
  list: (query: { dealId?: string; companyId?: string }, signal?: AbortSignal) =>
    apiRequest<Page<QuoteSummary>>("/quotes", { query: { ...query, limit: 200 }, signal }),
  get: (id: string, signal?: AbortSignal) => apiRequest<Quote>(quotePath(id), { signal }),
  create: (body: CreateQuoteRequest) => apiRequest<Quote>("/quotes", { method: "POST", body }),
  update: (id: string, body: UpdateQuoteRequest) =>
    apiRequest<Quote>(quotePath(id), { method: "PATCH", body }),
  remove: (id: string) => apiSend(quotePath(id), { method: "DELETE" }),
  preview: (body: { dealId: string; lines: LineRequest[] }, signal?: AbortSignal) =>
    apiRequest<PreviewTotals>("/quotes/preview-totals", { method: "POST", body, signal }),
  send: (id: string, email: { to?: string; message?: string } | undefined) =>
    apiRequest<Quote>(`${quotePath(id)}/send`, { method: "POST", body: email ? { email } : {} }),
  accept: (id: string, winDeal: boolean) =>
    apiRequest<Quote>(`${quotePath(id)}/accept`, { method: "POST", body: { winDeal } }),
  decline: (id: string) => apiRequest<Quote>(`${quotePath(id)}/decline`, { method: "POST" }),
  revise: (id: string) => apiRequest<Quote>(`${quotePath(id)}/revise`, { method: "POST" }),
  invoice: (id: string, dueDate?: string) =>
    apiRequest<Invoice>(`${quotePath(id)}/invoice`, { method: "POST", body: dueDate ? { dueDate } : {} }),
  pdfUrl: (id: string, locale?: string) => apiUrl(`${quotePath(id)}/pdf`, { locale }),
};

export const invoicesApi = {
  list: (query: { dealId?: string; companyId?: string }, signal?: AbortSignal) =>
    apiRequest<Page<Invoice>>("/invoices", { query: { ...query, limit: 200 }, signal }),
  pay: (id: string, body: { amount: { amount: string; currency: string }; paidOn?: string; note?: string }) =>
    apiRequest<Invoice>(`${invoicePath(id)}/payments`, { method: "POST", body }),
  pdfUrl: (id: string, locale?: string) => apiUrl(`${invoicePath(id)}/pdf`, { locale }),
};

export const letterheadApi = {
  get: (signal?: AbortSignal) => apiRequest<Letterhead>("/settings/letterhead", { signal }),
  update: (body: Partial<Letterhead>) =>
    apiRequest<Letterhead>("/settings/letterhead", { method: "PUT", body }),
  previewUrl: (locale: string) => apiUrl("/settings/letterhead/preview.pdf", { locale }),
};

export const emailTemplatesApi = {
  get: (signal?: AbortSignal) =>
    apiRequest<QuoteEmailTemplatesResponse>("/settings/quote-email-templates", { signal }),
  update: (body: QuoteEmailTemplates) =>
    apiRequest<QuoteEmailTemplatesResponse>("/settings/quote-email-templates", { method: "PUT", body }),
  preview: (body: z.input<typeof emailTemplatePreviewBody>) =>
    apiRequest<{ subject: string; body: string }>("/settings/quote-email-templates/preview", {
      method: "POST",
      body,
    }),
};
