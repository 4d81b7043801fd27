import { problemResponses } from "@server/plugins/openapi";
import {
  emailTemplatePreviewBody,
  emailTemplatePreviewSchema,
  quoteEmailTemplatesBody,
  quoteEmailTemplatesSchema,
} from "@shared/schemas/quote";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  getEmailTemplates,
  previewEmailTemplate,
  updateEmailTemplates,
} from "./quote-email-templates.service";

export function quoteEmailTemplateRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Settings"];
  const response = { 200: quoteEmailTemplatesSchema, ...problemResponses };
  r.get(
    "/settings/quote-email-templates",
    {
      schema: {
        tags,
        summary: "The emails quotes are sent with, per language and Sie/Du (admins)",
        response,
      },
    },
    async (request) => getEmailTemplates(request.ctx()),
  );
  r.put(
    "/settings/quote-email-templates",
    {
      schema: {
        tags,
        summary: "Change the quote emails; an unknown {{placeholder}} is refused by field",
        body: quoteEmailTemplatesBody,
        response,
      },
    },
    async (request) => updateEmailTemplates(request.ctx(), request.body),
  );
  r.post(
    "/settings/quote-email-templates/preview",
    {
      schema: {
        tags,
        summary: "One template filled with sample values",
        body: emailTemplatePreviewBody,
        response: { 200: emailTemplatePreviewSchema, ...problemResponses },
      },
    },
    async (request) => previewEmailTemplate(request.ctx(), request.body),
  );
}
