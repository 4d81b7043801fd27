import { withIfMatch } from "@server/http/if-match";
import { publishAll } from "@server/live/publish";
import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  acceptQuoteBody,
  createQuoteBody,
  invoiceListQuery,
  invoiceQuoteBody,
  invoiceSchema,
  paymentBody,
  pdfQuery,
  previewTotalsBody,
  previewTotalsSchema,
  quoteListQuery,
  quoteSchema,
  quoteSummarySchema,
  sendQuoteBody,
  updateQuoteBody,
} from "@shared/schemas/quote";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as invoices from "./invoice.service";
import * as quotes from "./quote.service";
import * as actions from "./quote-actions.service";
import { invoicePdf, quotePdf } from "./quote-document.service";

/**
 * A quote body may carry up to 500 lines (about 150 kB); the limit is raised so that a longer one
 * (the 10,000 lines, a megabyte and more) reaches the schema and is refused by name at
 * `lines` rather than as an anonymous 413.
 */
const QUOTE_BODY_LIMIT = 8 * 1024 * 1024;

export function quoteRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Quotes"];
  const one = { 200: quoteSchema, ...problemResponses };

  r.get(
    "/quotes",
    {
      schema: {
        tags,
        summary: "Quotes of a deal or company, newest first (keyset pagination); the deal's gate applies",
        querystring: quoteListQuery,
        response: { 200: listResponse(quoteSummarySchema), ...problemResponses },
      },
    },
    async (request) => quotes.listQuotes(request.ctx(), request.query),
  );
  r.post(
    "/quotes",
    {
      bodyLimit: QUOTE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Create a draft quote for a deal (needs the deal's contact and company); totals are computed",
        body: createQuoteBody,
        response: { 201: quoteSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await quotes.createQuote(request.ctx(), request.body)),
  );
  r.post(
    "/quotes/preview-totals",
    {
      bodyLimit: QUOTE_BODY_LIMIT,
      schema: {
        tags,
        summary: "Lines and totals as the server computes them, for the editor; nothing is stored",
        body: previewTotalsBody,
        response: { 200: previewTotalsSchema, ...problemResponses },
      },
    },
    async (request) => quotes.previewTotals(request.ctx(), request.body),
  );
  r.get(
    "/quotes/:id",
    { schema: { tags, summary: "One quote with its lines", params: idParams, response: one } },
    async (request) => quotes.getQuote(request.ctx(), request.params.id),
  );
  r.patch(
    "/quotes/:id",
    {
      bodyLimit: QUOTE_BODY_LIMIT,
      schema: {
        tags,
        summary: "Change a draft (a sent quote is revised instead); `lines` replaces all lines",
        params: idParams,
        body: updateQuoteBody,
        response: one,
      },
    },
    async (request) =>
      quotes.updateQuote(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );
  r.delete(
    "/quotes/:id",
    {
      schema: {
        tags,
        summary: "Delete a draft",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await quotes.deleteQuote(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/quotes/:id/send",
    {
      schema: {
        tags,
        summary: "Send a draft: it gets the next number of the scheme and its content is frozen",
        params: idParams,
        body: sendQuoteBody,
        response: one,
      },
    },
    async (request) => {
      const quote = await actions.sendQuote(request.ctx(), request.params.id, request.body);
      // The outbox job delivers the mail now rather than at the runner's next look.
      if (request.body.email) app.jobs.wake();
      return quote;
    },
  );
  r.post(
    "/quotes/:id/accept",
    {
      schema: {
        tags,
        summary: "The customer accepted; marks the deal won with the net total unless `winDeal: false`",
        params: idParams,
        body: acceptQuoteBody,
        response: one,
      },
    },
    async (request) => {
      const change = await actions.acceptQuote(request.ctx(), request.params.id, request.body);
      await publishAll(app, change.live);
      return change.quote;
    },
  );
  r.post(
    "/quotes/:id/decline",
    { schema: { tags, summary: "The customer declined", params: idParams, response: one } },
    async (request) => actions.declineQuote(request.ctx(), request.params.id),
  );
  r.post(
    "/quotes/:id/revise",
    {
      schema: {
        tags,
        summary: "A new draft revision of a sent quote; the sent one stays readable",
        params: idParams,
        response: { 201: quoteSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await actions.reviseQuote(request.ctx(), request.params.id)),
  );
  r.post(
    "/quotes/:id/invoice",
    {
      schema: {
        tags: ["Invoices"],
        summary: "Turn an accepted quote into its invoice (the next invoice number)",
        params: idParams,
        body: invoiceQuoteBody,
        response: { 201: invoiceSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invoices.invoiceQuote(request.ctx(), request.params.id, request.body)),
  );
  r.get(
    "/quotes/:id/pdf",
    {
      schema: {
        tags,
        summary: "The quote as a DIN 5008 PDF letter",
        params: idParams,
        querystring: pdfQuery,
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await quotePdf(request.ctx(), request.params.id, request.query.locale);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="${fileName}"`)
        .send(pdf);
    },
  );

  r.get(
    "/invoices",
    {
      schema: {
        tags: ["Invoices"],
        summary: "Invoices of a deal or company, newest first; the deal's gate applies",
        querystring: invoiceListQuery,
        response: { 200: listResponse(invoiceSchema), ...problemResponses },
      },
    },
    async (request) => invoices.listInvoices(request.ctx(), request.query),
  );
  r.get(
    "/invoices/:id",
    {
      schema: {
        tags: ["Invoices"],
        summary: "One invoice with its payments",
        params: idParams,
        response: { 200: invoiceSchema, ...problemResponses },
      },
    },
    async (request) => invoices.getInvoice(request.ctx(), request.params.id),
  );
  r.post(
    "/invoices/:id/payments",
    {
      schema: {
        tags: ["Invoices"],
        summary: "Record a (partial) payment by hand; paid in full makes the invoice paid",
        params: idParams,
        body: paymentBody,
        response: { 201: invoiceSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invoices.addPayment(request.ctx(), request.params.id, request.body)),
  );
  r.get(
    "/invoices/:id/pdf",
    {
      schema: {
        tags: ["Invoices"],
        summary: "The invoice as a DIN 5008 PDF letter",
        params: idParams,
        querystring: pdfQuery,
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await invoicePdf(request.ctx(), request.params.id, request.query.locale);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="${fileName}"`)
        .send(pdf);
    },
  );
}
