import { withIfMatch } from "@server/http/if-match";
import { problemResponses } from "@server/plugins/openapi";
import { teamBody, teamSchema, updateTeamBody } from "@shared/schemas/account";
import { idParams, listQuery, listResponse } from "@shared/schemas/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import * as teams from "./team.service";

export function teamRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Teams"];

  r.get(
    "/teams",
    {
      schema: {
        tags,
        summary: "List teams with their active member counts",
        querystring: listQuery.omit({ q: true }),
        response: { 200: listResponse(teamSchema), ...problemResponses },
      },
    },
    async (request) => teams.listTeams(request.ctx(), request.query),
  );

  r.post(
    "/teams",
    {
      schema: {
        tags,
        summary: "Create a team (admin)",
        body: teamBody,
        response: { 201: teamSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await teams.createTeam(request.ctx(), request.body)),
  );

  r.patch(
    "/teams/:id",
    {
      schema: {
        tags,
        summary: "Rename a team (admin)",
        params: idParams,
        body: updateTeamBody,
        response: { 200: teamSchema, ...problemResponses },
      },
    },
    async (request) =>
      teams.renameTeam(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );
}
