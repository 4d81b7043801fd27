/**
 * EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL the app sends: the pool's query() is wrapped for one
 * request, the search and list queries it ran are captured with their parameters and explained on
 * their own connection (executionMs: their sum).
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

export function captureQueries(pool: pg.Pool): { queries: Captured[]; stop(): void } {
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
  // The leads reads with a LIMIT (a page, or a global search's lead share) and the global search's
  // statement for the other types; a request may send several of each (word starts, then anywhere).
  const reads = capture.queries.filter(
    (q) => (/from "leads"/i.test(q.text) && /\blimit\b/i.test(q.text)) || /as "word_start"/.test(q.text),
  );
  if (reads.length === 0) throw new Error(`GET ${path} ran no leads list query`);
  const plan: string[] = [];
  let executionMs: number | null = 0;
  for (const [i, query] of reads.entries()) {
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
      query.values as unknown[],
    );
    if (reads.length > 1) plan.push(`-- statement ${i + 1} of ${reads.length}`);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    plan.push(...lines);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(lines.join("\n"))?.[1]);
    executionMs = executionMs === null || Number.isNaN(ms) ? null : executionMs + ms;
  }
  const text = plan.join("\n");
  const indexes = [
    ...new Set(
      [...text.matchAll(/(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map(
        (m) => m[1] ?? "",
      ),
    ),
  ];
  return {
    path,
    sql: reads.map((query) => inlineParameters(query.text, query.values)).join(";\n\n"),
    plan,
    executionMs,
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
