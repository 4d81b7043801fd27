import { recordTimeline } from "@server/modules/timeline/timeline.service";
import { withIfMatch } from "@server/modules/users/user.routes";
import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  companyListQuery,
  companySchema,
  createCompanyBody,
  updateCompanyBody,
} from "@shared/schemas/company";
import { companyFileSchema } from "@shared/schemas/company-file";
import { timelineQuery, timelineResponse } from "@shared/schemas/timeline";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as companies from "./company.service";
import { getCompanyFile } from "./company-file.service";

export function companyRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Companies"];

  r.get(
    "/companies",
    {
      schema: {
        tags,
        summary: "List companies: filters, accent-insensitive search, keyset pagination",
        querystring: companyListQuery,
        response: { 200: listResponse(companySchema), ...problemResponses },
      },
    },
    async (request) => companies.listCompanies(request.ctx(), request.query),
  );

  r.post(
    "/companies",
    {
      schema: {
        tags,
        summary: "Create a company",
        body: createCompanyBody,
        response: { 201: companySchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await companies.createCompany(request.ctx(), request.body)),
  );

  r.get(
    "/companies/:id",
    {
      schema: {
        tags,
        summary: "One company",
        params: idParams,
        response: { 200: companySchema, ...problemResponses },
      },
    },
    async (request) => companies.getCompany(request.ctx(), request.params.id),
  );

  r.get(
    "/companies/:id/file",
    {
      schema: {
        tags,
        summary: "The company file: master data, contacts, open leads, deals with totals, recent activities",
        params: idParams,
        response: { 200: companyFileSchema, ...problemResponses },
      },
    },
    async (request) => getCompanyFile(request.ctx(), request.params.id),
  );

  r.patch(
    "/companies/:id",
    {
      schema: {
        tags,
        summary: "Change a company (409 when the version is stale)",
        params: idParams,
        body: updateCompanyBody,
        response: { 200: companySchema, ...problemResponses },
      },
    },
    async (request) =>
      companies.updateCompany(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );

  r.delete(
    "/companies/:id",
    {
      schema: {
        tags,
        summary: "Delete a company (soft: contacts, leads and deals keep their link)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await companies.deleteCompany(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/companies/:id/timeline",
    {
      schema: {
        tags,
        summary: "History and activities of one company, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await companies.getCompany(ctx, request.params.id);
      return recordTimeline(ctx, "company", request.params.id, request.query);
    },
  );
}
