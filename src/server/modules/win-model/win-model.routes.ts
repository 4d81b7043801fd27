import { problemResponses } from "@server/plugins/openapi";
import { winModelFieldsBody, winModelReportSchema } from "@shared/schemas/win-model";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getWinModelReport, setWinModelFields, startWinModelTraining } from "./win-model.service";

/** The learned win probability's admin side (#20 point 3); each lead's probability comes with GET /leads/{id}. */
export function winModelRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Settings"];
  r.get(
    "/lead-win-model",
    {
      schema: {
        tags,
        summary:
          "The win model's quality on held-out leads: AUC, calibration table, or too little history (admin)",
        response: { 200: winModelReportSchema, ...problemResponses },
      },
    },
    async (request) => getWinModelReport(request.ctx()),
  );
  r.post(
    "/lead-win-model/train",
    {
      schema: {
        tags,
        summary: "Train the win model now instead of at the next nightly run (admin)",
        response: { 202: winModelReportSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const report = await startWinModelTraining(request.ctx());
      app.jobs.wake();
      return reply.code(202).send(report);
    },
  );
  r.put(
    "/lead-win-model/fields",
    {
      schema: {
        tags,
        summary:
          "Choose the lead fields whose presence the win model weighs, from the next training on (admin)",
        body: winModelFieldsBody,
        response: { 200: winModelReportSchema, ...problemResponses },
      },
    },
    async (request) => setWinModelFields(request.ctx(), request.body.fields),
  );
}
