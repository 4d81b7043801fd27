import { withIfMatch } from "@server/http/if-match";
import { pickFields } from "@server/http/sparse-fields";
import { publishAll } from "@server/live/publish";
import { gatherCustomFieldParams } from "@server/modules/custom-fields/custom-field-query";
import { batchBody } from "@server/modules/sync/record-batch";
import { asListQuery, sendSyncPage, syncFromList } from "@server/modules/sync/sync.routes";
import { recordTimeline } from "@server/modules/timeline/timeline.service";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  batchResultSchema,
  createDealBody,
  dealListItemSchema,
  dealListQuery,
  dealSchema,
  lostDealBody,
  lostReasonsBody,
  lostReasonsSchema,
  moveDealBody,
  reopenDealBody,
  stageHistorySchema,
  updateDealBody,
  wonDealBody,
} from "@shared/schemas/deal";
import { listCountSchema } from "@shared/schemas/list-count";
import { listOrSyncPage } from "@shared/schemas/sync";
import { timelineQuery, timelineResponse } from "@shared/schemas/timeline";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as deals from "./deal.service";
import { batchDeals } from "./deal-batch.service";
import { moveDeal } from "./deal-move.service";
import { countDeals, getStageHistory, listDeals } from "./deal-query.service";
import { getLostReasons, updateLostReasons } from "./lost-reasons.service";

export function dealRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Deals"];
  const one = { 200: dealSchema, ...problemResponses };
  /** Publishes the change's live events after its transaction committed and answers the deal. */
  const done = async (change: deals.DealChange) => {
    await publishAll(app, change.live);
    return change.deal;
  };

  r.get(
    "/deals",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary:
          "List deals: filters, search, keyset pagination (a board column's cursor pages in board order)",
        querystring: dealListQuery,
        response: { 200: listOrSyncPage(dealListItemSchema), ...problemResponses },
      },
    },
    async (request, reply) =>
      request.query.updatedSince === undefined
        ? pickFields(await listDeals(request.ctx(), asListQuery(request.query)), request.query.fields)
        : sendSyncPage(reply, await syncFromList(request.ctx(), "deal", request.query)),
  );

  r.get(
    "/deals/count",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary:
          "How many deals the list holds for these filters: exact up to 10,000, past that the database's estimate",
        querystring: dealListQuery,
        response: { 200: listCountSchema, ...problemResponses },
      },
    },
    async (request) => countDeals(request.ctx(), request.query),
  );

  r.post(
    "/deals",
    {
      schema: {
        tags,
        summary: "Create a deal (default pipeline and first stage unless given; at the end of the column)",
        body: createDealBody,
        response: { 201: dealSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await done(await deals.createDealRequest(request.ctx(), request.body))),
  );

  r.post(
    "/deals/batch",
    {
      // 1,000 records with long descriptions outgrow the default 1 MiB.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Create and change up to 1,000 deals: a record with `id` is changed as by PATCH, one without is created; a result per record",
        body: batchBody,
        response: { 200: batchResultSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { results, live } = await batchDeals(request.ctx(), request.body);
      await publishAll(app, live);
      return { results };
    },
  );

  r.get(
    "/deals/:id",
    { schema: { tags, summary: "One deal", params: idParams, response: one } },
    async (request) => deals.getDeal(request.ctx(), request.params.id),
  );

  r.patch(
    "/deals/:id",
    {
      schema: {
        tags,
        summary: "Change a deal (409 when the version is stale; `contacts` replaces the list)",
        params: idParams,
        body: updateDealBody,
        response: one,
      },
    },
    async (request) =>
      done(
        await deals.updateDeal(
          request.ctx(),
          request.params.id,
          withIfMatch(request.headers["if-match"], request.body),
        ),
      ),
  );

  r.delete(
    "/deals/:id",
    {
      schema: {
        tags,
        summary: "Delete a deal (soft)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await publishAll(app, await deals.deleteDeal(request.ctx(), request.params.id));
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/deals/:id/move",
    {
      schema: {
        tags,
        summary: "Move an open deal to a stage of its pipeline at a 0-based index of that column",
        params: idParams,
        body: moveDealBody,
        response: one,
      },
    },
    async (request) => done(await moveDeal(request.ctx(), request.params.id, request.body)),
  );

  r.post(
    "/deals/:id/won",
    {
      schema: { tags, summary: "Mark an open deal won", params: idParams, body: wonDealBody, response: one },
    },
    async (request) => done(await deals.markWon(request.ctx(), request.params.id, request.body?.version)),
  );

  r.post(
    "/deals/:id/lost",
    {
      schema: {
        tags,
        summary: "Mark an open deal lost with a reason (any text; the settings list is what the UI offers)",
        params: idParams,
        body: lostDealBody,
        response: one,
      },
    },
    async (request) =>
      done(await deals.markLost(request.ctx(), request.params.id, request.body.reason, request.body.version)),
  );

  r.post(
    "/deals/:id/reopen",
    {
      schema: {
        tags,
        summary: "Reopen a won or lost deal (manager or admin)",
        params: idParams,
        body: reopenDealBody,
        response: one,
      },
    },
    async (request) => done(await deals.reopenDeal(request.ctx(), request.params.id, request.body?.version)),
  );

  r.get(
    "/deals/:id/timeline",
    {
      schema: {
        tags,
        summary: "History and activities of one deal, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await deals.getDeal(ctx, request.params.id);
      return recordTimeline(ctx, "deal", request.params.id, request.query);
    },
  );

  r.get(
    "/deals/:id/stage-history",
    {
      schema: {
        tags,
        summary: "The deal's stays in stages, oldest first (leftAt null: the current one)",
        params: idParams,
        response: { 200: z.object({ data: z.array(stageHistorySchema) }), ...problemResponses },
      },
    },
    async (request) => getStageHistory(request.ctx(), request.params.id),
  );

  r.get(
    "/settings/lost-reasons",
    {
      schema: {
        tags: ["Settings"],
        summary: "The lost reasons offered when a deal is marked lost",
        response: { 200: lostReasonsSchema, ...problemResponses },
      },
    },
    async (request) => getLostReasons(request.ctx()),
  );

  r.put(
    "/settings/lost-reasons",
    {
      schema: {
        tags: ["Settings"],
        summary: "Replace the list of lost reasons (admin)",
        body: lostReasonsBody,
        response: { 200: lostReasonsSchema, ...problemResponses },
      },
    },
    async (request) => updateLostReasons(request.ctx(), request.body.reasons),
  );
}
