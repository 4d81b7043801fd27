import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { sdkDocumentTransform, sdkRouteTransform } from "@server/openapi/sdk-document";
import { problemSchema } from "@shared/schemas/common";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** Documented on every route; the error handler produces these bodies. */
export const problemResponses = { "4xx": problemSchema };

/**
 * The OpenAPI 3.1 document is generated from the routes' zod schemas, so it cannot drift from them;
 * src/server/openapi/ makes it SDK-ready (operationIds, error answers, tags) and a test lints it with
 * Redocly's recommended rules. `webhooks`: the section of outgoing events, which a module hands over
 * (plugins import no module).
 */
export async function registerOpenApi(
  app: FastifyInstance,
  extra: { webhooks?: Record<string, unknown> } = {},
) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Leadwerk API",
        version: "1.0.0",
        license: { name: "GNU Affero General Public License v3.0 or later", identifier: "AGPL-3.0-or-later" },
        description:
          "Errors are application/problem+json. Browser sessions send X-CSRF-Token on unsafe requests; scripts use `Authorization: Bearer <token>`.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "lw_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
      ...(extra.webhooks && { webhooks: extra.webhooks }),
    },
    transform: sdkRouteTransform,
    transformObject: sdkDocumentTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    // Swagger UI's own policy (its inline scripts by hash), made as strict as the app's elsewhere.
    staticCSP: true,
    transformStaticCSP: swaggerUiCsp,
  });
  app.get("/api/openapi.json", { schema: { hide: true }, config: { public: true } }, async (request) => {
    const { openapi, info, ...rest } = app.swagger() as Record<string, unknown>;
    return { openapi, info, servers: [{ url: serverUrl(app, request) }], ...rest };
  });
}

/** Where the API is reached: LEADWERK_PUBLIC_URL, else the origin this request came to. */
function serverUrl(app: FastifyInstance, request: FastifyRequest): string {
  return app.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * Swagger UI's policy without framing and without upgrading plain-http requests, its styles as the
 * app's (it injects a <style> element at run time; see security-headers.ts).
 */
export const swaggerUiCsp = (header: string) =>
  header
    .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
    .replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")
    .replace(/\s*upgrade-insecure-requests;?/, "");
