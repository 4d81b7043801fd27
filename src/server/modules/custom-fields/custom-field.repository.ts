import type { DbOrTx } from "@server/db/client";
import { companies, contacts, customFieldDefinitions, deals, leads, users } from "@server/db/schema";
import type { CustomFieldEntity } from "@shared/schemas/custom-field";
import { and, asc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";

export type CustomFieldRow = typeof customFieldDefinitions.$inferSelect;
export type NewCustomFieldRow = typeof customFieldDefinitions.$inferInsert;

/** The table holding an entity's records (each has `custom_fields`). */
export const RECORD_TABLES = { lead: leads, contact: contacts, company: companies, deal: deals } as const;

export async function selectDefinitions(
  db: DbOrTx,
  filter: { entity?: CustomFieldEntity | undefined; deleted?: boolean | undefined },
): Promise<CustomFieldRow[]> {
  const t = customFieldDefinitions;
  const where: SQL[] = [filter.deleted ? isNotNull(t.deletedAt) : isNull(t.deletedAt)];
  if (filter.entity) where.push(eq(t.entity, filter.entity));
  return db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.entity), asc(t.position), asc(t.createdAt), asc(t.id));
}

export async function findDefinition(db: DbOrTx, id: string, lock = false): Promise<CustomFieldRow | null> {
  const query = db.select().from(customFieldDefinitions).where(eq(customFieldDefinitions.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Any definition with this key, deleted ones included: their values are still stored under it. */
export async function keyTaken(db: DbOrTx, entity: CustomFieldEntity, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customFieldDefinitions.id })
    .from(customFieldDefinitions)
    .where(and(eq(customFieldDefinitions.entity, entity), eq(customFieldDefinitions.key, key)));
  return row !== undefined;
}

export async function nextPosition(db: DbOrTx, entity: CustomFieldEntity): Promise<number> {
  const [row] = await db
    .select({ next: sql<number>`coalesce(max(${customFieldDefinitions.position}) + 1, 0)::int` })
    .from(customFieldDefinitions)
    .where(and(eq(customFieldDefinitions.entity, entity), isNull(customFieldDefinitions.deletedAt)));
  return row?.next ?? 0;
}

export async function insertDefinition(db: DbOrTx, values: NewCustomFieldRow): Promise<CustomFieldRow> {
  const [row] = await db.insert(customFieldDefinitions).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateDefinition(
  db: DbOrTx,
  id: string,
  values: Partial<NewCustomFieldRow>,
): Promise<CustomFieldRow> {
  const [row] = await db
    .update(customFieldDefinitions)
    .set({ ...values, version: sql`${customFieldDefinitions.version} + 1`, updatedAt: new Date() })
    .where(eq(customFieldDefinitions.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function deleteDefinitionRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(customFieldDefinitions).where(eq(customFieldDefinitions.id, id));
}

/** Removes the key from every record of the entity (deleted records too): the purge of a deleted field. */
export async function purgeValues(db: DbOrTx, entity: CustomFieldEntity, key: string): Promise<number> {
  const table = RECORD_TABLES[entity];
  const rows = await db
    .update(table)
    .set({ customFields: sql`${table.customFields} - ${key}::text` })
    .where(sql`${table.customFields} ? ${key}::text`)
    .returning({ id: table.id });
  return rows.length;
}

/** Which of these ids are users (for `user` fields: the value must be someone who exists). */
export async function existingUserIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(inArray(users.id, ids));
  return new Set(rows.map((r) => r.id));
}
