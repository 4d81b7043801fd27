/**
 * The column shapes every schema file uses: a generated uuid key, timestamps with time zone, the
 * created/updated pair, a record's version, and a CHECK's `in (…)` list from a value list.
 * Imported relatively (drizzle-kit loads the schema without the path aliases).
 */
import { sql } from "drizzle-orm";
import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const createdAt = () => tstz("created_at").notNull().defaultNow();
export const updatedAt = () => tstz("updated_at").notNull().defaultNow();
export const version = () => integer("version").notNull().default(1);
/** `column in ('a', 'b')` for a CHECK; the values are the code's own constants, never user input. */
export const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
