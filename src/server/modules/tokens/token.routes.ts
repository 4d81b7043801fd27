import { userLoginsChanged } from "@server/plugins/auth";
import { problemResponses } from "@server/plugins/openapi";
import { createdTokenSchema, createTokenBody, tokenSchema } from "@shared/schemas/account";
import { idParams, listResponse } from "@shared/schemas/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as tokens from "./token.service";

export function tokenRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["API tokens"];

  r.get(
    "/tokens",
    {
      schema: {
        tags,
        summary: "Own API tokens (the secrets are never shown again)",
        response: { 200: listResponse(tokenSchema), ...problemResponses },
      },
    },
    async (request) => tokens.listTokens(request.ctx()),
  );

  r.post(
    "/tokens",
    {
      schema: {
        tags,
        summary: "Create an API token; use it as `Authorization: Bearer <token>`",
        body: createTokenBody,
        response: { 201: createdTokenSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await tokens.createToken(request.ctx(), request.body)),
  );

  r.delete(
    "/tokens/:id",
    {
      schema: {
        tags,
        summary: "Revoke an own API token",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      await tokens.revokeToken(ctx, request.params.id);
      await userLoginsChanged(app, ctx.actor.id);
      return reply.code(204).send(null);
    },
  );
}
