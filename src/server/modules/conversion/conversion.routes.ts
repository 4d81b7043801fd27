import type { LiveMessage } from "@server/live/live-message";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  bulkConvertBody,
  bulkConvertResultSchema,
  conversionResultSchema,
  conversionSuggestionsSchema,
  convertLeadBody,
} from "@shared/schemas/conversion";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { convertLeadRequest, getConversionSuggestions } from "./conversion.service";
import { bulkConvertLeads } from "./conversion-bulk.service";

export function conversionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Conversion"];
  // After the commit only: other users' boards refetch what the events name.
  const publish = async (messages: LiveMessage[]) => {
    for (const message of messages) await app.live.publish(message);
  };

  r.get(
    "/leads/:id/convert/suggestions",
    {
      schema: {
        tags,
        summary: "Existing contacts and companies that look like the lead (with reasons), and the prefill",
        params: idParams,
        response: { 200: conversionSuggestionsSchema, ...problemResponses },
      },
    },
    async (request) => getConversionSuggestions(request.ctx(), request.params.id),
  );

  r.post(
    "/leads/:id/convert",
    {
      schema: {
        tags,
        summary:
          "Convert a lead into a contact (+ company, deal, appointment) in one transaction; 409 when already converted",
        params: idParams,
        body: convertLeadBody,
        response: { 201: conversionResultSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { result, live } = await convertLeadRequest(request.ctx(), request.params.id, request.body);
      await publish(live);
      return reply.code(201).send(result);
    },
  );

  r.post(
    "/leads/convert/bulk",
    {
      schema: {
        tags,
        summary: "Convert several leads, each in its own transaction; reports the others with a reason code",
        body: bulkConvertBody,
        response: { 200: bulkConvertResultSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { result, live } = await bulkConvertLeads(request.ctx(), request.body);
      await publish(live);
      return result;
    },
  );
}
