import { recordTimeline } from "@server/modules/timeline/timeline.service";
import { withIfMatch } from "@server/modules/users/user.routes";
import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  contactListQuery,
  contactSchema,
  createContactBody,
  updateContactBody,
} from "@shared/schemas/contact";
import { timelineQuery, timelineResponse } from "@shared/schemas/timeline";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as contacts from "./contact.service";

export function contactRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Contacts"];

  r.get(
    "/contacts",
    {
      schema: {
        tags,
        summary: "List contacts: filters, accent-insensitive search, keyset pagination",
        querystring: contactListQuery,
        response: { 200: listResponse(contactSchema), ...problemResponses },
      },
    },
    async (request) => contacts.listContacts(request.ctx(), request.query),
  );

  r.post(
    "/contacts",
    {
      schema: {
        tags,
        summary: "Create a contact",
        body: createContactBody,
        response: { 201: contactSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await contacts.createContact(request.ctx(), request.body)),
  );

  r.get(
    "/contacts/:id",
    {
      schema: {
        tags,
        summary: "One contact",
        params: idParams,
        response: { 200: contactSchema, ...problemResponses },
      },
    },
    async (request) => contacts.getContact(request.ctx(), request.params.id),
  );

  r.patch(
    "/contacts/:id",
    {
      schema: {
        tags,
        summary: "Change a contact (409 when the version is stale; lists replace the stored ones)",
        params: idParams,
        body: updateContactBody,
        response: { 200: contactSchema, ...problemResponses },
      },
    },
    async (request) =>
      contacts.updateContact(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );

  r.delete(
    "/contacts/:id",
    {
      schema: {
        tags,
        summary: "Delete a contact (soft: linked records keep their link)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await contacts.deleteContact(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/contacts/:id/timeline",
    {
      schema: {
        tags,
        summary: "History and activities of one contact, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await contacts.getContact(ctx, request.params.id);
      return recordTimeline(ctx, "contact", request.params.id, request.query);
    },
  );
}
