import { problemResponses } from "@server/plugins/openapi";
import { intakeListQuerySchema, intakeListSchema, intakeSettingsSchema } from "@shared/schemas/intake";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getIntakeSettings, listIntake, updateIntakeSettings } from "./intake-view.service";

export function intakeRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Intake"];
  r.get(
    "/intake",
    {
      schema: {
        tags,
        summary: "Recent intake decisions of every channel (created, linked, added, rejected), newest first",
        querystring: intakeListQuerySchema,
        response: { 200: intakeListSchema, ...problemResponses },
      },
    },
    async (request) => listIntake(request.ctx(), request.query),
  );
  r.get(
    "/settings/intake",
    {
      schema: {
        tags,
        summary: "The intake pipeline's settings: phone region, repeat window, routing rules",
        response: { 200: intakeSettingsSchema, ...problemResponses },
      },
    },
    async (request) => getIntakeSettings(request.ctx()),
  );
  r.put(
    "/settings/intake",
    {
      schema: {
        tags,
        summary: "Change the intake pipeline's settings (admin)",
        body: intakeSettingsSchema,
        response: { 200: intakeSettingsSchema, ...problemResponses },
      },
    },
    async (request) => updateIntakeSettings(request.ctx(), request.body),
  );
}
