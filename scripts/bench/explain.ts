/**
 * EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL the app sends: the pool's query() is wrapped for one
 * request, the leads query it ran is captured with its parameters and explained on its own connection.
 */
import type pg from "pg";

export interface QueryPlan {
  path: string;
  sql: string;
  plan: string[];
  executionMs: number | null;
  /** Index names the plan reads (index, index-only and bitmap index scans). */
  indexes: string[];
  seqScanOnLeads: boolean;
}

interface Captured {
  text: string;
  values: unknown[];
}

function captureQueries(pool: pg.Pool): { queries: Captured[]; stop(): void } {
  const queries: Captured[] = [];
  const original = pool.query;
  const wrapped = function (this: pg.Pool, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") queries.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === "object" && "text" in first) {
      const config = first as { text: string; values?: unknown[] };
      queries.push({ text: config.text, values: Array.isArray(second) ? second : (config.values ?? []) });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  pool.query = wrapped as typeof pool.query;
  return {
    queries,
    stop: () => {
      pool.query = original;
    },
  };
}

export async function explainRequest(
  pool: pg.Pool,
  port: number,
  token: string,
  path: string,
): Promise<QueryPlan> {
  const capture = captureQueries(pool);
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    await response.arrayBuffer();
  } finally {
    capture.stop();
  }
  const query = capture.queries.findLast((q) => /from "leads"/i.test(q.text) && /\blimit\b/i.test(q.text));
  if (!query) throw new Error(`GET ${path} ran no leads list query`);
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
    query.values as unknown[],
  );
  const plan = rows.map((r) => r["QUERY PLAN"]);
  const text = plan.join("\n");
  const indexes = [
    ...new Set(
      [...text.matchAll(/(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map(
        (m) => m[1] ?? "",
      ),
    ),
  ];
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN);
  return {
    path,
    sql: inlineParameters(query.text, query.values),
    plan,
    executionMs: Number.isNaN(executionMs) ? null : executionMs,
    indexes,
    seqScanOnLeads: /Seq Scan on leads/.test(text),
  };
}

/** The statement with its parameters written in, for reading in the report (not for running). */
function inlineParameters(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (match, n: string) => {
    const value = values[Number(n) - 1];
    if (value === undefined) return match;
    if (value === null) return "null";
    if (typeof value === "number") return String(value);
    const literal = value instanceof Date ? value.toISOString() : String(value);
    return `'${literal.replace(/'/g, "''")}'`;
  });
}
