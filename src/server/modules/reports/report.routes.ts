import { problemResponses } from "@server/plugins/openapi";
import {
  dashboardSchema,
  forecastQuery,
  forecastReportSchema,
  funnelQuery,
  funnelReportSchema,
  healthQuery,
  healthReportSchema,
  pipelineReportSchema,
  reportQuery,
} from "@shared/schemas/report";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import * as reports from "./report.service";

/** The numbers (#18). Every figure counts only what the reader may see (the lists' permission gate). */
export function reportRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Reports"];

  r.get(
    "/reports/dashboard",
    {
      schema: {
        tags,
        summary: "The start page's numbers: the reader's own, and the team's for admins and managers",
        querystring: reportQuery,
        response: { 200: dashboardSchema, ...problemResponses },
      },
    },
    async (request) => reports.dashboard(request.ctx(), request.query),
  );

  r.get(
    "/reports/funnel",
    {
      schema: {
        tags,
        summary: "MAL → MQL → SAL → SQL → converted → won over leads created in the period, with cohorts",
        querystring: funnelQuery,
        response: { 200: funnelReportSchema, ...problemResponses },
      },
    },
    async (request) => reports.funnelReport(request.ctx(), request.query),
  );

  r.get(
    "/reports/pipeline",
    {
      schema: {
        tags,
        summary: "Open pipeline by stage, time in stage, and what closed in the period",
        querystring: reportQuery,
        response: { 200: pipelineReportSchema, ...problemResponses },
      },
    },
    async (request) => reports.pipelineReport(request.ctx(), request.query),
  );

  r.get(
    "/reports/forecast",
    {
      schema: {
        tags,
        summary: "Weighted open pipeline by expected close month (overdue, the next six months, later, none)",
        querystring: forecastQuery,
        response: { 200: forecastReportSchema, ...problemResponses },
      },
    },
    async (request) => reports.forecastReport(request.ctx(), request.query),
  );

  r.get(
    "/reports/health",
    {
      schema: {
        tags,
        summary: "Open deals that need attention: no next activity, close date passed, stuck in their stage",
        querystring: healthQuery,
        response: { 200: healthReportSchema, ...problemResponses },
      },
    },
    async (request) => reports.healthReport(request.ctx(), request.query),
  );
}
