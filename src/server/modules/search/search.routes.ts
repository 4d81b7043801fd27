import { problemResponses } from "@server/plugins/openapi";
import { globalSearchQuery, globalSearchResponse } from "@shared/schemas/search";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { globalSearch } from "./search.service";

export function searchRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/search",
    {
      schema: {
        tags: ["Search"],
        summary:
          "Global search over leads, contacts, companies, deals and users the caller may see, in one ranked list",
        querystring: globalSearchQuery,
        response: { 200: globalSearchResponse, ...problemResponses },
      },
    },
    async (request) => ({ data: await globalSearch(request.ctx(), request.query) }),
  );
}
