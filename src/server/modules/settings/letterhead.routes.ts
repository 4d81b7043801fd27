import { letterheadPreviewPdf } from "@server/modules/quotes/letterhead-preview";
import { problemResponses } from "@server/plugins/openapi";
import { letterheadPreviewQuery, letterheadSchema, updateLetterheadBody } from "@shared/schemas/quote";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getLetterhead, updateLetterhead } from "./letterhead.service";

export function letterheadRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Settings"];
  const response = { 200: letterheadSchema, ...problemResponses };
  r.get(
    "/settings/letterhead",
    {
      schema: { tags, summary: "Letterhead, number schemes and VAT rates of quotes and invoices", response },
    },
    async (request) => getLetterhead(request.ctx()),
  );
  r.put(
    "/settings/letterhead",
    {
      // The logo travels as a data URL of up to about 200 kB.
      bodyLimit: 1024 * 1024,
      schema: { tags, summary: "Change the letterhead (admins)", body: updateLetterheadBody, response },
    },
    async (request) => updateLetterhead(request.ctx(), request.body),
  );
  r.get(
    "/settings/letterhead/preview.pdf",
    {
      schema: {
        tags,
        summary: "A sample quote on the saved letterhead (admins)",
        querystring: letterheadPreviewQuery,
      },
    },
    async (request, reply) => {
      const pdf = await letterheadPreviewPdf(request.ctx(), request.query.locale);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", 'inline; filename="letterhead-preview.pdf"')
        .send(pdf);
    },
  );
}
