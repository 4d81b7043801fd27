import http from "node:http";
import type { FastifyInstance } from "fastify";

/**
 * A server-sent-events client over real HTTP (inject cannot stream): connects to a listening app's
 * `/api/v1/events` with the given headers and collects the `data:` messages it receives.
 */
export interface SseClient {
  status: number;
  events: unknown[];
  /** Resolves (true) when the server ends the stream. */
  ended: Promise<boolean>;
  /** Resolves with the first event matching `predicate`, rejects after `timeoutMs`. */
  next(predicate: (event: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

export async function listenOnce(app: FastifyInstance): Promise<string> {
  const address = app.server.address();
  if (address && typeof address === "object") return `http://127.0.0.1:${address.port}`;
  await app.listen({ port: 0, host: "127.0.0.1" });
  const bound = app.server.address();
  if (!bound || typeof bound !== "object") throw new Error("not listening");
  return `http://127.0.0.1:${bound.port}`;
}

export function openEventStream(baseUrl: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    const waiters: { predicate: (e: unknown) => boolean; resolve: (e: unknown) => void }[] = [];
    const request = http.get(`${baseUrl}/api/v1/events`, { headers }, (response) => {
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          if (data) {
            const event: unknown = JSON.parse(data);
            events.push(event);
            for (const w of [...waiters]) {
              if (w.predicate(event)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(event);
              }
            }
          }
          end = buffer.indexOf("\n\n");
        }
      });
      response.on("error", () => {});
      const ended = new Promise<boolean>((done) => response.on("end", () => done(true)));
      resolve({
        status: response.statusCode ?? 0,
        events,
        ended,
        next(predicate, timeoutMs = 5_000) {
          const found = events.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error("no matching live event")), timeoutMs);
            waiters.push({
              predicate,
              resolve: (e) => {
                clearTimeout(timer);
                res(e);
              },
            });
          });
        },
        close: () => request.destroy(),
      });
    });
    request.on("error", (error) => {
      if (!request.destroyed) reject(error);
    });
  });
}
