import { problemResponses } from "@server/plugins/openapi";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { mayReceive } from "./live-audience";
import type { LiveMessage } from "./live-message";

const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/v1/events`: server-sent events for the logged-in user (cookie or token). Each message is
 * `data: <LiveEvent JSON>`; a comment line every 25 s keeps proxies from closing an idle stream.
 * Events go only to users who may see the record (`mayReceive`), with the rights the user had when
 * the stream opened; the client reconnects on its own (EventSource) and refetches what an event names.
 */
export function eventRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/events",
    {
      schema: {
        tags: ["Live"],
        summary: "Live updates as server-sent events (text/event-stream)",
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = request.ctx().actor;
      const server = request.server;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": request.id,
      });
      raw.write("retry: 3000\n: connected\n\n");

      const send = (message: LiveMessage) => {
        if (mayReceive(actor, message.audience)) raw.write(`data: ${JSON.stringify(message.event)}\n\n`);
      };
      const unsubscribe = server.live.subscribe(send);
      const heartbeat = setInterval(() => raw.write(": ping\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        server.endLiveStreams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      server.endLiveStreams.add(end);
      request.raw.on("close", end);
      raw.on("error", end);
    },
  );
}
