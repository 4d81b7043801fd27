import type { ListCount } from "@shared/schemas/list-count";
import { and, type SQL, sql, type Table } from "drizzle-orm";
import type { DbOrTx } from "./client";

/**
 * Up to this many rows a list's total is counted exactly (through the permission gate and the
 * list's filters); past it, counting would read every matching row on each page view, so the
 * planner's estimate is answered instead and marked as such (issue #15 point 5).
 */
export const EXACT_COUNT_CAP = 10_000;

/**
 * The total of a list: `where` is the list's own condition (gate and filters, the same SQL its page
 * query uses). Counts at most `cap + 1` rows; if there are more, asks the planner (EXPLAIN) how many
 * it expects, which costs no scan.
 */
export async function countListRows(
  db: DbOrTx,
  table: Table,
  where: (SQL | undefined)[],
  cap: number = EXACT_COUNT_CAP,
): Promise<ListCount> {
  const condition = and(...where) ?? sql`true`;
  const limited = await db.execute(
    sql`select count(*)::int as n from (select 1 from ${table} where ${condition} limit ${cap + 1}) as page`,
  );
  const counted = Number(rowsOf<{ n: number | string }>(limited)[0]?.n ?? 0);
  if (counted <= cap) return { count: counted, exact: true };
  const plan = await db.execute(sql`explain (format json) select 1 from ${table} where ${condition}`);
  const estimate = planRows(rowsOf<{ "QUERY PLAN": unknown }>(plan)[0]?.["QUERY PLAN"]);
  // The planner may guess lower than what was just counted; the count is at least that.
  return { count: Math.max(counted, Math.round(estimate)), exact: false };
}

/** The rows of a raw query; both drivers (pg and PGlite) answer `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The top node's "Plan Rows" of an EXPLAIN (FORMAT JSON) answer (json, or its text on some drivers). */
function planRows(plan: unknown): number {
  const parsed: unknown = typeof plan === "string" ? JSON.parse(plan) : plan;
  if (!Array.isArray(parsed)) return 0;
  const top: unknown = parsed[0];
  if (typeof top !== "object" || top === null || !("Plan" in top)) return 0;
  const node: unknown = top.Plan;
  if (typeof node !== "object" || node === null || !("Plan Rows" in node)) return 0;
  const rows = node["Plan Rows"];
  return typeof rows === "number" ? rows : 0;
}
