import { withIfMatch } from "@server/http/if-match";
import { userLoginsChanged } from "@server/plugins/auth";
import { problemResponses } from "@server/plugins/openapi";
import {
  createUserBody,
  updateUserBody,
  userOptionSchema,
  userOptionsQuery,
  userSchema,
} from "@shared/schemas/account";
import { idParams, listQuery, listResponse } from "@shared/schemas/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as users from "./user.service";

export function userRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Users"];

  r.get(
    "/users",
    {
      schema: {
        tags,
        summary: "List users (admin, manager)",
        querystring: listQuery,
        response: { 200: listResponse(userSchema), ...problemResponses },
      },
    },
    async (request) => users.listUsers(request.ctx(), request.query),
  );

  r.get(
    "/users/options",
    {
      schema: {
        tags,
        summary: "Active users the caller may pick as owner (every role; sales see their team)",
        querystring: userOptionsQuery,
        response: { 200: z.object({ data: z.array(userOptionSchema) }), ...problemResponses },
      },
    },
    async (request) => users.listUserOptions(request.ctx(), request.query),
  );

  r.get(
    "/users/:id",
    {
      schema: {
        tags,
        summary: "One user",
        params: idParams,
        response: { 200: userSchema, ...problemResponses },
      },
    },
    async (request) => users.getUser(request.ctx(), request.params.id),
  );

  r.post(
    "/users",
    {
      schema: {
        tags,
        summary: "Create a user (admin)",
        body: createUserBody,
        response: { 201: userSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await users.createUser(request.ctx(), request.body)),
  );

  r.patch(
    "/users/:id",
    {
      schema: {
        tags,
        summary:
          "Change role, team, name, password or deactivate (admin); deactivating ends the user's sessions",
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema, ...problemResponses },
      },
    },
    async (request) => {
      const updated = await users.updateUser(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      );
      // Cached logins are forgotten everywhere; open event streams re-read their rights (or close).
      await userLoginsChanged(app, updated.id);
      return updated;
    },
  );
}
