import { problemResponses } from "@server/plugins/openapi";
import { appSettingsSchema, updateSettingsBody } from "@shared/schemas/settings";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getSettings, updateSettings } from "./settings.service";

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
    async (request) => updateSettings(request.ctx(), request.body),
  );
}
