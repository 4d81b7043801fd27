import type { DbOrTx } from "@server/db/client";
import { importRows, importTemplates } from "@server/db/schema";
import { and, asc, eq, sql } from "drizzle-orm";

export type ImportTemplateRow = typeof importTemplates.$inferSelect;

export function listTemplates(db: DbOrTx, entity: string | undefined) {
  return db
    .select()
    .from(importTemplates)
    .where(entity ? eq(importTemplates.entity, entity) : undefined)
    .orderBy(asc(importTemplates.entity), asc(sql`lower(${importTemplates.name})`))
    .limit(200);
}

export async function findTemplate(db: DbOrTx, id: string): Promise<ImportTemplateRow | undefined> {
  const [row] = await db.select().from(importTemplates).where(eq(importTemplates.id, id));
  return row;
}

export async function insertTemplate(db: DbOrTx, values: typeof importTemplates.$inferInsert) {
  const [row] = await db.insert(importTemplates).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Saving a name again replaces that template (the mapping was changed and saved once more). */
export async function replaceTemplate(
  db: DbOrTx,
  id: string,
  values: Partial<typeof importTemplates.$inferInsert>,
) {
  const [row] = await db.update(importTemplates).set(values).where(eq(importTemplates.id, id)).returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function findTemplateByName(db: DbOrTx, entity: string, name: string) {
  const [row] = await db
    .select()
    .from(importTemplates)
    .where(
      and(eq(importTemplates.entity, entity), eq(sql`lower(${importTemplates.name})`, name.toLowerCase())),
    );
  return row;
}

export async function deleteTemplate(db: DbOrTx, id: string) {
  await db.delete(importTemplates).where(eq(importTemplates.id, id));
}

/**
 * The distinct values of one column of an import with how often each occurs (the most frequent
 * first, at most `limit`): what the value mapping offers a select for.
 */
export async function distinctValues(db: DbOrTx, importId: string, index: number, limit: number) {
  if (!Number.isInteger(index) || index < 0) throw new Error("column index out of range");
  // The index is written into the SQL (a checked integer): as a parameter, the select's and the
  // GROUP BY's expressions would be two different parameters, which PostgreSQL does not group by.
  const value = sql<string>`trim(coalesce(${importRows.cells}->>${sql.raw(String(index))}, ''))`;
  return db
    .select({ value, count: sql<number>`count(*)::int` })
    .from(importRows)
    .where(and(eq(importRows.importId, importId), sql`${value} <> ''`))
    .groupBy(value)
    .orderBy(sql`count(*) desc`, value)
    .limit(limit);
}
