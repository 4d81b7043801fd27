import { withIfMatch } from "@server/http/if-match";
import { pickFields } from "@server/http/sparse-fields";
import { asListQuery, sendSyncPage, syncFromList } from "@server/modules/sync/sync.routes";
import { problemResponses } from "@server/plugins/openapi";
import {
  activityListItemSchema,
  activityListQuery,
  activitySchema,
  createActivityBody,
  updateActivityBody,
} from "@shared/schemas/activity";
import { idParams } from "@shared/schemas/common";
import { listOrSyncPage } from "@shared/schemas/sync";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as activities from "./activity.service";
import { activityChanged, usersTakingPart } from "./activity-live";

export function activityRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Activities"];
  r.get(
    "/activities",
    {
      schema: {
        tags,
        summary: "List activities, newest first",
        querystring: activityListQuery,
        response: { 200: listOrSyncPage(activityListItemSchema), ...problemResponses },
      },
    },
    async (request, reply) =>
      request.query.updatedSince === undefined
        ? pickFields(
            await activities.listActivities(request.ctx(), asListQuery(request.query)),
            request.query.fields,
          )
        : sendSyncPage(reply, await syncFromList(request.ctx(), "activity", request.query)),
  );
  r.post(
    "/activities",
    {
      schema: {
        tags,
        summary:
          "Log a call, note or email, or plan a task or meeting, linked to any mix of lead, contact, company, deal",
        body: createActivityBody,
        response: { 201: activitySchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await activities.createActivity(request.ctx(), request.body);
      await app.live.publish(activityChanged({ ...created, participantUserIds: usersTakingPart(created) }));
      return reply.code(201).send(created);
    },
  );
  r.get(
    "/activities/:id",
    {
      schema: {
        tags,
        summary: "One activity with its participants",
        params: idParams,
        response: { 200: activitySchema, ...problemResponses },
      },
    },
    async (request) => activities.getActivity(request.ctx(), request.params.id),
  );
  r.patch(
    "/activities/:id",
    {
      schema: {
        tags,
        summary: "Change an activity or tick it done",
        params: idParams,
        body: updateActivityBody,
        response: { 200: activitySchema, ...problemResponses },
      },
    },
    async (request) => {
      const updated = await activities.updateActivity(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      );
      await app.live.publish(updated.live);
      return updated.activity;
    },
  );
  r.delete(
    "/activities/:id",
    {
      schema: {
        tags,
        summary: "Delete an activity",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await app.live.publish(await activities.deleteActivity(request.ctx(), request.params.id));
      return reply.code(204).send(null);
    },
  );
}
