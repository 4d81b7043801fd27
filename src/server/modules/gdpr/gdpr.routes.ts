import { SUBJECT_TYPES, type SubjectType } from "@domain/gdpr/gdpr-types";
import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  consentParams,
  consentSchema,
  createConsentBody,
  decideProposalsBody,
  decideProposalsResult,
  eraseBody,
  eraseResult,
  exportQuery,
  privacyStatusSchema,
  processingLogEntrySchema,
  processingLogQuery,
  proposalListQuery,
  proposalSchema,
  restrictBody,
  retentionRuleSchema,
  retentionRulesBody,
  withdrawConsentBody,
} from "@shared/schemas/gdpr";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as gdpr from "./gdpr.service";
import { renderPersonPdf } from "./person-export-pdf";
import { listProcessingLog } from "./processing-log.service";
import * as retention from "./retention.service";

const PATHS: Record<SubjectType, string> = { lead: "leads", contact: "contacts" };

/** Data protection (DSGVO): per-person routes under /leads/{id} and /contacts/{id}, settings under /gdpr. */
export function gdprRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Data protection"];

  for (const type of SUBJECT_TYPES) {
    const base = `/${PATHS[type]}/:id`;
    const subject = (id: string) => ({ type, id });

    r.get(
      `${base}/privacy`,
      {
        schema: {
          tags,
          summary: `The ${type}'s person: consent log, restriction (Art. 18) and erasure`,
          params: idParams,
          response: { 200: privacyStatusSchema, ...problemResponses },
        },
      },
      async (request) => gdpr.privacyStatus(request.ctx(), subject(request.params.id)),
    );

    r.post(
      `${base}/consents`,
      {
        schema: {
          tags,
          summary: `Record a consent or other legal basis for the ${type}`,
          params: idParams,
          body: createConsentBody,
          response: { 201: consentSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await gdpr.addConsent(request.ctx(), subject(request.params.id), request.body)),
    );

    r.post(
      `${base}/consents/:consentId/withdraw`,
      {
        schema: {
          tags,
          summary: "Record the withdrawal of a consent: when, by whom, how",
          params: consentParams,
          body: withdrawConsentBody,
          response: { 200: consentSchema, ...problemResponses },
        },
      },
      async (request) =>
        gdpr.withdrawConsent(
          request.ctx(),
          subject(request.params.id),
          request.params.consentId,
          request.body,
        ),
    );

    r.put(
      `${base}/restriction`,
      {
        schema: {
          tags,
          summary: "Admin: restrict processing (Art. 18) or lift it; the reason is logged",
          params: idParams,
          body: restrictBody,
          response: { 204: z.null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await gdpr.setRestriction(request.ctx(), subject(request.params.id), request.body);
        return reply.code(204).send(null);
      },
    );

    r.get(
      `${base}/gdpr-export`,
      {
        schema: {
          tags,
          summary:
            "Admin: everything about the person (Art. 15) as JSON or as a PDF document in German or English",
          params: idParams,
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const { format, lang } = request.query;
        const data = await gdpr.exportPerson(request.ctx(), subject(request.params.id), format);
        const name = `art15-${type}-${request.params.id}`;
        if (format === "pdf") {
          return reply
            .header("content-type", "application/pdf")
            .header("content-disposition", `attachment; filename="${name}.pdf"`)
            .send(await renderPersonPdf(data, lang, new Date()));
        }
        return reply
          .header("content-type", "application/json; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.json"`)
          .send(
            JSON.stringify({
              generatedAt: new Date().toISOString(),
              subject: subject(request.params.id),
              ...data,
            }),
          );
      },
    );

    r.post(
      `${base}/erase`,
      {
        schema: {
          tags,
          summary:
            "Admin: erase the person by anonymisation (Art. 17), in one transaction; counts and sums stay",
          params: idParams,
          body: eraseBody,
          response: { 200: eraseResult, ...problemResponses },
        },
      },
      async (request) => gdpr.erase(request.ctx(), subject(request.params.id), request.body.reason),
    );
  }

  r.get(
    "/gdpr/retention-rules",
    {
      schema: {
        tags,
        summary: "Admin: the retention rules per category",
        response: { 200: z.object({ data: z.array(retentionRuleSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ data: await retention.listRules(request.ctx()) }),
  );
  r.put(
    "/gdpr/retention-rules",
    {
      schema: {
        tags,
        summary:
          "Admin: set retention rules (days after which a category's records are proposed for erasure)",
        body: retentionRulesBody,
        response: { 200: z.object({ data: z.array(retentionRuleSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ data: await retention.saveRules(request.ctx(), request.body.rules) }),
  );
  r.get(
    "/gdpr/retention-proposals",
    {
      schema: {
        tags,
        summary: "Admin: records the retention rules found, by state, oldest first",
        querystring: proposalListQuery,
        response: { 200: listResponse(proposalSchema), ...problemResponses },
      },
    },
    async (request) => retention.listProposals(request.ctx(), request.query),
  );
  r.post(
    "/gdpr/retention-proposals/decide",
    {
      schema: {
        tags,
        summary: "Admin: approve proposals (the job anonymises them) or exclude them (kept for good)",
        body: decideProposalsBody,
        response: { 200: decideProposalsResult, ...problemResponses },
      },
    },
    async (request) => retention.decideProposals(request.ctx(), request.body),
  );
  r.get(
    "/gdpr/processing-log",
    {
      schema: {
        tags,
        summary: "Admin: every data-protection action (who, when, what, why), newest first",
        querystring: processingLogQuery,
        response: { 200: listResponse(processingLogEntrySchema), ...problemResponses },
      },
    },
    async (request) => listProcessingLog(request.ctx(), request.query),
  );
}
