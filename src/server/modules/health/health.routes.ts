import { problemSchema } from "@shared/schemas/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { assertReady } from "./health.service";

const healthSchema = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });

export function healthRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/health",
    {
      schema: {
        tags: ["Health"],
        summary: "Liveness: 200 while the process runs, whatever the database does",
        description:
          "For a process supervisor's liveness probe: restarting the process would not bring the " +
          "database back, so this does not ask it. Use /health/ready to route traffic.",
        response: { 200: healthSchema },
      },
      config: { public: true },
    },
    async () => ({ status: "ok" as const, database: app.database.kind }),
  );
  r.get(
    "/health/ready",
    {
      schema: {
        tags: ["Health"],
        summary: "Readiness: 200 when the database answers and its migrations are done, else 503",
        response: { 200: healthSchema, 503: problemSchema },
      },
      config: { public: true },
    },
    async () => {
      await assertReady(app.database);
      return { status: "ok" as const, database: app.database.kind };
    },
  );
}
