import { sessionBody } from "@server/modules/auth/auth.routes";
import { openSession } from "@server/modules/auth/auth.service";
import { SESSION_COOKIE, sessionCookieOptions } from "@server/plugins/auth";
import { problemResponses } from "@server/plugins/openapi";
import { sessionResponse, setupBody, setupStatus } from "@shared/schemas/account";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { createFirstAdmin, needsSetup } from "./setup.service";

/** Setup answers only on an empty database, so a limit per client and process is enough here. */
const SETUP_RATE_LIMIT = { max: 10, timeWindow: "1 minute" };

export function setupRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config, database } = app;
  const tags = ["Setup"];

  r.get(
    "/setup",
    {
      schema: {
        tags,
        summary: "Whether the first admin still has to be created",
        response: { 200: setupStatus },
      },
      config: { public: true },
    },
    async () => ({ needsSetup: await needsSetup(database.db) }),
  );

  r.post(
    "/setup",
    {
      schema: {
        tags,
        summary: "Create the first admin on an empty database and log in as them (409 afterwards)",
        body: setupBody,
        response: { 201: sessionResponse, ...problemResponses },
      },
      config: { public: true, csrf: false, rateLimit: SETUP_RATE_LIMIT },
    },
    async (request, reply) => {
      const admin = await createFirstAdmin(database.db, request.body);
      const session = await openSession(
        database.db,
        admin,
        config.sessionDays,
        request.headers["user-agent"] ?? null,
        request.ip,
      );
      reply.setCookie(
        SESSION_COOKIE,
        session.sessionToken,
        sessionCookieOptions(config, config.sessionDays * 86_400),
      );
      return reply.code(201).send(await sessionBody(app.database.db, reply, admin, session.actor));
    },
  );
}
