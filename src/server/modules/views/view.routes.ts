import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import { createViewBody, savedViewSchema, updateViewBody, viewListQuery } from "@shared/schemas/view";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as views from "./view.service";

export function viewRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Saved views"];
  r.get(
    "/views",
    {
      schema: {
        tags,
        summary: "Own saved views of one list",
        querystring: viewListQuery,
        response: { 200: z.object({ data: z.array(savedViewSchema) }), ...problemResponses },
      },
    },
    async (request) => views.listViews(request.ctx(), request.query.entity),
  );
  r.post(
    "/views",
    {
      schema: {
        tags,
        summary: "Save the current filters, sort and columns of a list",
        body: createViewBody,
        response: { 201: savedViewSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await views.createView(request.ctx(), request.body)),
  );
  r.patch(
    "/views/:id",
    {
      schema: {
        tags,
        summary: "Rename an own saved view or replace its filters, sort and columns",
        params: idParams,
        body: updateViewBody,
        response: { 200: savedViewSchema, ...problemResponses },
      },
    },
    async (request) => views.updateView(request.ctx(), request.params.id, request.body),
  );
  r.delete(
    "/views/:id",
    {
      schema: {
        tags,
        summary: "Delete an own saved view",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await views.deleteView(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
