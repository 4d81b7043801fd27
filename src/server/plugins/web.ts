import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import { message } from "@shared/message-codes";
import type { FastifyInstance } from "fastify";
import { sendProblem } from "./error-handler";

/**
 * Serves the built web UI (dist/web) on the API's port. Unknown /api paths answer problem+json 404;
 * any other GET that wants HTML gets index.html, so the client-side router handles deep links.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string | null) {
  const hasUi = webRoot !== null && existsSync(path.join(webRoot, "index.html"));
  if (hasUi) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // Vite fingerprints assets, so they may be cached for good; index.html never is.
      setHeaders: (reply, filePath) => {
        reply.header(
          "Cache-Control",
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsHtml = request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
    if (hasUi && wantsHtml && !request.url.startsWith("/api/")) {
      return reply.header("Cache-Control", "no-cache").sendFile("index.html");
    }
    if (hasUi && request.method === "GET" && !request.url.startsWith("/api/")) {
      // Files under dist/web are registered one route each by @fastify/static (wildcard: false).
      return sendProblem(reply, "not_found", message("file_not_found", { path: request.url }));
    }
    return sendProblem(
      reply,
      "not_found",
      message("route_not_found", { method: request.method, path: request.url.split("?")[0] ?? "" }),
    );
  });
}
