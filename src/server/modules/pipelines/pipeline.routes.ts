import { withIfMatch } from "@server/http/if-match";
import { publishAll } from "@server/live/publish";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  boardQuery,
  boardSchema,
  createPipelineBody,
  pipelineSchema,
  updatePipelineBody,
} from "@shared/schemas/deal";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as pipelines from "./pipeline.service";

export function pipelineRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Pipelines"];
  const done = async (change: pipelines.PipelineChange) => {
    await publishAll(app, change.live);
    return change.pipeline;
  };

  r.get(
    "/pipelines",
    {
      schema: {
        tags,
        summary: "All pipelines with their ordered stages, the default first",
        response: { 200: z.object({ data: z.array(pipelineSchema) }), ...problemResponses },
      },
    },
    async (request) => pipelines.listPipelines(request.ctx()),
  );

  r.post(
    "/pipelines",
    {
      schema: {
        tags,
        summary: "Create a pipeline (admin)",
        body: createPipelineBody,
        response: { 201: pipelineSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await done(await pipelines.createPipeline(request.ctx(), request.body))),
  );

  r.get(
    "/pipelines/:id",
    {
      schema: {
        tags,
        summary: "One pipeline",
        params: idParams,
        response: { 200: pipelineSchema, ...problemResponses },
      },
    },
    async (request) => pipelines.getPipeline(request.ctx(), request.params.id),
  );

  r.patch(
    "/pipelines/:id",
    {
      schema: {
        tags,
        summary:
          "Rename, make default, add/rename/reorder/remove stages (admin; removed stages' deals need stageMoves)",
        params: idParams,
        body: updatePipelineBody,
        response: { 200: pipelineSchema, ...problemResponses },
      },
    },
    async (request) =>
      done(
        await pipelines.updatePipeline(
          request.ctx(),
          request.params.id,
          withIfMatch(request.headers["if-match"], request.body),
        ),
      ),
  );

  r.delete(
    "/pipelines/:id",
    {
      schema: {
        tags,
        summary: "Delete a pipeline without deals (admin; not the default one)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await publishAll(app, await pipelines.deletePipeline(request.ctx(), request.params.id));
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/pipelines/:id/board",
    {
      schema: {
        tags,
        summary: "The deal board: per stage the first cards, count, sum and weighted sum per currency",
        params: idParams,
        querystring: boardQuery,
        response: { 200: boardSchema, ...problemResponses },
      },
    },
    async (request) => pipelines.getPipelineBoard(request.ctx(), request.params.id, request.query),
  );
}
