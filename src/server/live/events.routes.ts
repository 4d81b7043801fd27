import { problemResponses } from "@server/plugins/openapi";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { LiveMessage } from "./live-message";
import type { LiveStream } from "./live-streams";

const HEARTBEAT_MS = 25_000;

/**
 * `GET /api/v1/events`: server-sent events for the logged-in user (cookie or token). Each message is
 * `data: <LiveEvent JSON>`; a comment line every 25 s keeps proxies from closing an idle stream.
 * Events go only to users who may see the record (`mayReceive`), with the user's current rights: the
 * stream re-reads them every few seconds and at once when the user changed (`app.liveStreams`), and
 * ends when the session ends or the user is deactivated. The client reconnects on its own
 * (EventSource), which logs in again, and refetches what an event names.
 */
export function eventRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/events",
    {
      schema: {
        tags: ["Live"],
        summary: "Live updates as server-sent events (text/event-stream)",
        description:
          "Each event is `data: {type, id, …}` with ids only; refetch what it names. The stream follows your " +
          "current rights and ends when your session ends or your account is deactivated (EventSource reconnects).",
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

      let ended = false;
      const stream: LiveStream = {
        actor,
        held: null,
        write: (message: LiveMessage) => {
          if (!ended) raw.write(`data: ${JSON.stringify(message.event)}\n\n`);
        },
        end: () => end(),
      };
      const unsubscribe = server.live.subscribe((message) => server.liveStreams.deliver(stream, message));
      const heartbeat = setInterval(() => raw.write(": ping\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        server.liveStreams.remove(stream);
        if (!raw.writableEnded) raw.end();
      };
      server.liveStreams.add(stream);
      request.raw.on("close", end);
      raw.on("error", end);
    },
  );
}
