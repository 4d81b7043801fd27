import { withIfMatch } from "@server/http/if-match";
import { gatherCustomFieldParams } from "@server/modules/custom-fields/custom-field-query";
import { asListQuery, sendSyncPage, syncFromList } from "@server/modules/sync/sync.routes";
import { recordTimeline } from "@server/modules/timeline/timeline.service";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  bulkLeadBody,
  bulkResultSchema,
  createLeadBody,
  leadListItemSchema,
  leadListQuery,
  leadMatchQuery,
  leadMatchSchema,
  leadSchema,
  updateLeadBody,
} from "@shared/schemas/lead";
import { listCountSchema } from "@shared/schemas/list-count";
import { listOrSyncPage } from "@shared/schemas/sync";
import { timelineQuery, timelineResponse } from "@shared/schemas/timeline";
import { leadDetailSchema } from "@shared/schemas/win-model";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as leads from "./lead.service";
import { bulkUpdateLeads } from "./lead-bulk.service";
import { countLeads, listLeads } from "./lead-query.service";

export function leadRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Leads"];

  r.get(
    "/leads",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary: "List leads: filters, accent-insensitive search, keyset pagination",
        querystring: leadListQuery,
        response: { 200: listOrSyncPage(leadListItemSchema), ...problemResponses },
      },
    },
    async (request, reply) =>
      request.query.updatedSince === undefined
        ? listLeads(request.ctx(), asListQuery(request.query))
        : sendSyncPage(reply, await syncFromList(request.ctx(), "lead", request.query)),
  );

  r.get(
    "/leads/count",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary:
          "How many leads the list holds for these filters: exact up to 10,000, past that the database's estimate",
        querystring: leadListQuery,
        response: { 200: listCountSchema, ...problemResponses },
      },
    },
    async (request) => countLeads(request.ctx(), request.query),
  );

  r.get(
    "/leads/matches",
    {
      schema: {
        tags,
        summary:
          "Existing leads and contacts with the same email or phone, to offer linking instead of a duplicate",
        querystring: leadMatchQuery,
        response: { 200: z.object({ data: z.array(leadMatchSchema) }), ...problemResponses },
      },
    },
    async (request) => leads.findLeadMatches(request.ctx(), request.query),
  );

  r.post(
    "/leads",
    {
      schema: {
        tags,
        summary: "Create a lead",
        body: createLeadBody,
        response: { 201: leadSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await leads.createLead(request.ctx(), request.body)),
  );

  r.post(
    "/leads/bulk",
    {
      schema: {
        tags,
        summary:
          "Assign, change status, tag or delete many leads in one transaction; refused ones are reported",
        body: bulkLeadBody,
        response: { 200: bulkResultSchema, ...problemResponses },
      },
    },
    async (request) => bulkUpdateLeads(request.ctx(), request.body),
  );

  r.get(
    "/leads/:id",
    {
      schema: {
        tags,
        summary: "One lead, with its learned win probability and the factors behind it",
        params: idParams,
        response: { 200: leadDetailSchema, ...problemResponses },
      },
    },
    async (request) => leads.getLeadDetail(request.ctx(), request.params.id),
  );

  r.patch(
    "/leads/:id",
    {
      schema: {
        tags,
        summary:
          "Change a lead; status and lifecycle follow the rules of PRODUCT.md (422 when broken, 409 when stale)",
        params: idParams,
        body: updateLeadBody,
        response: { 200: leadSchema, ...problemResponses },
      },
    },
    async (request) =>
      leads.updateLead(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );

  r.delete(
    "/leads/:id",
    {
      schema: {
        tags,
        summary: "Delete a lead (restorable by an admin)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await leads.deleteLead(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/leads/:id/restore",
    {
      schema: {
        tags,
        summary: "Restore a deleted lead (admin)",
        params: idParams,
        response: { 200: leadSchema, ...problemResponses },
      },
    },
    async (request) => leads.restoreLead(request.ctx(), request.params.id),
  );

  r.get(
    "/leads/:id/timeline",
    {
      schema: {
        tags,
        summary: "History and activities of one lead, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await leads.getLead(ctx, request.params.id);
      return recordTimeline(ctx, "lead", request.params.id, request.query);
    },
  );
}
