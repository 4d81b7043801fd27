import { type Column, type SQL, sql } from "drizzle-orm";

/**
 * `column = any($1::uuid[])`: a list of ids as ONE parameter. drizzle's inArray binds a parameter per
 * id, and building and sending a query with 1,000 of them (a sync page's records) cost milliseconds
 * of CPU per request; the planner treats both forms alike.
 */
export const idIn = (column: Column, ids: readonly string[]): SQL =>
  sql`${column} = any(${sql.param(ids)}::uuid[])`;

/**
 * `expression = any($1::text[])`: keys (emails, E.164 phones, domains) as ONE parameter, for the
 * import's batch queries of 5,000 rows: an IN list of 10,000 parameters cost more to send and plan
 * than the indexed lookups themselves (issue #17).
 */
export const textIn = (expression: Column | SQL, values: readonly string[]): SQL =>
  sql`${expression} = any(${sql.param([...values])}::text[])`;
