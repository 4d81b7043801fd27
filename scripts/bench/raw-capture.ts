/**
 * The statements the app sends for a request, captured so the raw-driver baseline (raw-worker.ts) can
 * send exactly them again: every query of a pg Client in this process (the in-process app's pool and
 * transactions) between the request and its answer, with its parameters, Drizzle's row mode and the
 * prepared statement's name where the app names one. Drizzle's per-query type parsers stay behind
 * (functions do not cross processes): the raw client parses timestamps itself, which costs it a little
 * more, not less.
 */
import pg from "pg";
import type { LoadRequest } from "./load-worker";
import type { RawStatement } from "./raw-worker";

type QueryFn = (...args: unknown[]) => unknown;

function statementOf(args: unknown[]): RawStatement | null {
  const [first, second] = args;
  if (typeof first === "string") return { text: first, values: Array.isArray(second) ? second : [] };
  if (!first || typeof first !== "object" || !("text" in first)) return null;
  const config = first as { text: string; values?: unknown[]; rowMode?: string; name?: string };
  return {
    text: config.text,
    values: Array.isArray(second) ? second : (config.values ?? []),
    ...(config.rowMode === "array" ? { rowMode: "array" as const } : {}),
    ...(config.name ? { name: config.name } : {}),
  };
}

async function captureOne(send: () => Promise<void>): Promise<RawStatement[]> {
  const statements: RawStatement[] = [];
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const statement = statementOf(args);
    if (statement) statements.push(statement);
    return original.apply(this, args);
  };
  try {
    await send();
  } finally {
    proto.query = original;
  }
  return statements;
}

/**
 * Up to `variants` requests of the operation (its paths or bodies in turn), each captured once. Only
 * the captures with the most common number of statements are kept: a background job's poll that fell
 * into a window, or a cache filled by the first request, would make that one differ.
 */
export async function captureRequests(
  port: number,
  token: string,
  request: LoadRequest,
  variants = 16,
): Promise<RawStatement[][]> {
  const sends: (() => Promise<void>)[] = [];
  const http = async (method: string, path: string, body?: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  };
  switch (request.kind) {
    case "get":
      // A read may be sent again: a single path is captured `variants` times, so the vote below works.
      for (let i = 0; i < variants && request.paths.length > 0; i++) {
        const path = request.paths[i % request.paths.length] ?? "/";
        sends.push(() => http("GET", path));
      }
      break;
    case "post":
      // The last bodies: the load sent the first ones, and a form submission would meet its dedupe row.
      for (const body of request.bodies.slice(-variants)) sends.push(() => http("POST", request.path, body));
      break;
    case "patch":
      // A PATCH changes the version it would need again: not captured (no baseline).
      break;
    default: {
      const unreachable: never = request;
      throw new Error(`unknown request ${JSON.stringify(unreachable)}`);
    }
  }
  const captured: RawStatement[][] = [];
  for (const send of sends) captured.push(await captureOne(send));
  const counts = new Map<number, number>();
  for (const c of captured) counts.set(c.length, (counts.get(c.length) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  return captured.filter((c) => c.length === usual && c.length > 0);
}
