import { problemResponses } from "@server/plugins/openapi";
import { auditExportQuery, auditListQuery, auditListSchema } from "@shared/schemas/audit";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { exportHeaders } from "../exports/table-export";
import { exportAuditTrail, listAuditTrail } from "./audit-trail.service";

/** The audit trail (issue #14 point 2): read-only; no route changes or removes an entry. */
export function auditRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Audit"];
  r.get(
    "/audit",
    {
      schema: {
        tags,
        summary: "Every change (who, when, request, record, before → after), newest first (admin)",
        querystring: auditListQuery,
        response: { 200: auditListSchema, ...problemResponses },
      },
    },
    async (request) => listAuditTrail(request.ctx(), request.query),
  );
  for (const format of ["csv", "xlsx"] as const) {
    r.get(
      `/audit/export.${format}`,
      {
        schema: {
          tags,
          summary: `The filtered audit trail as ${format.toUpperCase()}, streamed (admin)`,
          querystring: auditExportQuery,
        },
      },
      async (request, reply) => {
        const stream = exportAuditTrail(request.ctx(), format, request.query);
        return reply.headers(exportHeaders("audit", format)).send(stream);
      },
    );
  }
}
