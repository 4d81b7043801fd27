import { withIfMatch } from "@server/http/if-match";
import { pickFields } from "@server/http/sparse-fields";
import { gatherCustomFieldParams } from "@server/modules/custom-fields/custom-field-query";
import { asListQuery, sendSyncPage, syncFromList } from "@server/modules/sync/sync.routes";
import { recordTimeline } from "@server/modules/timeline/timeline.service";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  companyListQuery,
  companySchema,
  companySparseListItemSchema,
  createCompanyBody,
  updateCompanyBody,
} from "@shared/schemas/company";
import { companyFileSchema } from "@shared/schemas/company-file";
import {
  companyDuplicateSchema,
  companyMatchQuery,
  companyMergeBody,
  companyMergeResult,
} from "@shared/schemas/duplicates-merge";
import { bulkResultSchema } from "@shared/schemas/lead";
import { listCountSchema } from "@shared/schemas/list-count";
import { bulkRecordBody } from "@shared/schemas/record-bulk";
import { listOrSyncPage } from "@shared/schemas/sync";
import { timelineQuery, timelineResponse } from "@shared/schemas/timeline";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as companies from "./company.service";
import { findCompanyDuplicates, findCompanyMatches } from "./company-duplicates.service";
import { getCompanyFile } from "./company-file.service";
import { bulkUpdateCompanies, countCompanies } from "./company-list.service";
import { getCompanyOrSurvivor, mergeCompanies } from "./company-merge.service";

export function companyRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Companies"];

  r.get(
    "/companies",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary: "List companies: filters, accent-insensitive search, keyset pagination",
        querystring: companyListQuery,
        response: { 200: listOrSyncPage(companySparseListItemSchema), ...problemResponses },
      },
    },
    async (request, reply) =>
      request.query.updatedSince === undefined
        ? pickFields(
            await companies.listCompanies(request.ctx(), asListQuery(request.query)),
            request.query.fields,
          )
        : sendSyncPage(reply, await syncFromList(request.ctx(), "company", request.query)),
  );

  r.get(
    "/companies/count",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary:
          "How many companies the list holds for these filters: exact up to 10,000, past that the database's estimate",
        querystring: companyListQuery,
        response: { 200: listCountSchema, ...problemResponses },
      },
    },
    async (request) => countCompanies(request.ctx(), request.query),
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
        summary: "One company; a company merged into another answers 308 with the survivor's URL",
        params: idParams,
        response: { 200: companySchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const result = await getCompanyOrSurvivor(ctx, request.params.id, (id) =>
        companies.getCompany(ctx, id),
      );
      if ("survivorId" in result) return reply.redirect(`/api/v1/companies/${result.survivorId}`, 308);
      return result.found;
    },
  );

  r.get(
    "/companies/:id/file",
    {
      schema: {
        tags,
        summary:
          "The company file: master data, contacts, open leads, deals with totals, activities of the company and everything linked to it (308 to the survivor for a merged company)",
        params: idParams,
        response: { 200: companyFileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const result = await getCompanyOrSurvivor(ctx, request.params.id, (id) => getCompanyFile(ctx, id));
      if ("survivorId" in result) return reply.redirect(`/api/v1/companies/${result.survivorId}/file`, 308);
      return result.found;
    },
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

  r.post(
    "/companies/bulk",
    {
      schema: {
        tags,
        summary: "Assign, tag or delete many companies in one transaction; invisible ones are reported",
        body: bulkRecordBody,
        response: { 200: bulkResultSchema, ...problemResponses },
      },
    },
    async (request) => bulkUpdateCompanies(request.ctx(), request.body),
  );

  r.get(
    "/companies/matches",
    {
      schema: {
        tags,
        summary: "Existing companies like the one being entered (same website domain or name)",
        querystring: companyMatchQuery,
        response: { 200: z.object({ data: z.array(companyDuplicateSchema) }), ...problemResponses },
      },
    },
    async (request) => findCompanyMatches(request.ctx(), request.query),
  );

  r.get(
    "/companies/:id/duplicates",
    {
      schema: {
        tags,
        summary: "Likely duplicates of a company, each with its reasons (website_domain, company_name)",
        params: idParams,
        response: { 200: z.object({ data: z.array(companyDuplicateSchema) }), ...problemResponses },
      },
    },
    async (request) => findCompanyDuplicates(request.ctx(), request.params.id),
  );

  r.post(
    "/companies/merge",
    {
      schema: {
        tags,
        summary:
          "Merge two companies: the survivor takes the chosen values, every contact, lead, deal, activity and subsidiary moves to it, the loser is deleted with mergedIntoId (one transaction, audited on both)",
        body: companyMergeBody,
        response: { 200: companyMergeResult, ...problemResponses },
      },
    },
    async (request) => mergeCompanies(request.ctx(), request.body),
  );
}
