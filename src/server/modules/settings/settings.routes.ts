import { problemResponses } from "@server/plugins/openapi";
import { appSettingsSchema, scoreRecalculationSchema, updateSettingsBody } from "@shared/schemas/settings";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getScoreRecalculation, getSettings, updateSettings } from "./settings.service";

export function settingsRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Settings"];
  r.get(
    "/settings",
    {
      schema: {
        tags,
        summary: "Workspace settings (every user reads; the UI adapts to them)",
        response: { 200: appSettingsSchema, ...problemResponses },
      },
    },
    async (request) => getSettings(request.ctx()),
  );
  r.patch(
    "/settings",
    {
      schema: {
        tags,
        summary: "Change workspace settings (admin)",
        body: updateSettingsBody,
        response: { 200: appSettingsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const settings = await updateSettings(request.ctx(), request.body);
      // Changed score rules queued a rescore; start it here rather than at the next poll.
      app.jobs.wake();
      return settings;
    },
  );
  r.get(
    "/settings/score-recalculation",
    {
      schema: {
        tags,
        summary: "How far the recalculation of lead scores after the last change of the score rules got",
        response: { 200: scoreRecalculationSchema, ...problemResponses },
      },
    },
    async (request) => getScoreRecalculation(request.ctx()),
  );
}
