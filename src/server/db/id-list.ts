import { type Column, type SQL, sql } from "drizzle-orm";

/**
 * `column = any($1::uuid[])`: a list of ids as ONE parameter. drizzle's inArray binds a parameter per
 * id, and building and sending a query with 1,000 of them (a sync page's records) cost milliseconds
 * of CPU per request; the planner treats both forms alike.
 */
export const idIn = (column: Column, ids: readonly string[]): SQL =>
  sql`${column} = any(${sql.param(ids)}::uuid[])`;
