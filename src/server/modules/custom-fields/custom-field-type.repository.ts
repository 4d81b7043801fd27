import type { DbOrTx } from "@server/db/client";
import type { CustomFieldEntity } from "@shared/schemas/custom-field";
import { and, asc, gt, inArray, type SQL, sql } from "drizzle-orm";
import { RECORD_TABLES } from "./custom-field.repository";

/** Records per page of a type change's walk: memory stays flat whatever the table's size. */
export const TYPE_CHANGE_PAGE = 1000;

/** A page (by id) of the records holding a value of `key`, deleted ones too (their values are kept). */
export async function valuesPage(
  db: DbOrTx,
  entity: CustomFieldEntity,
  key: string,
  after: string | null,
): Promise<{ id: string; value: unknown }[]> {
  const table = RECORD_TABLES[entity];
  return db
    .select({ id: table.id, value: sql<unknown>`${table.customFields} -> ${key}::text` })
    .from(table)
    .where(and(sql`${table.customFields} ? ${key}::text`, after ? gt(table.id, after) : undefined))
    .orderBy(asc(table.id))
    .limit(TYPE_CHANGE_PAGE);
}

/** Writes converted values, one statement per page. */
export async function writeValues(
  db: DbOrTx,
  entity: CustomFieldEntity,
  key: string,
  values: { id: string; value: unknown }[],
): Promise<void> {
  if (values.length === 0) return;
  const table = RECORD_TABLES[entity];
  await db.execute(sql`
    update ${table} set custom_fields = jsonb_set(${table.customFields}, ${`{${key}}`}::text[], v.value)
    from (select unnest(${sql.param(values.map((v) => v.id))}::uuid[]) as id,
                 unnest(${sql.param(values.map((v) => JSON.stringify(v.value)))}::jsonb[]) as value) v
    where ${table.id} = v.id`);
}

const NAME: Record<CustomFieldEntity, SQL<string>> = {
  lead: sql<string>`coalesce(nullif(concat_ws(' ', first_name, last_name), ''), company_name, '')`,
  contact: sql<string>`concat_ws(' ', first_name, last_name)`,
  company: sql<string>`name`,
  deal: sql<string>`title`,
};

/** The names (or titles) of a few records, for the list of refusals. */
export async function recordNames(
  db: DbOrTx,
  entity: CustomFieldEntity,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const table = RECORD_TABLES[entity];
  const rows = await db
    .select({ id: table.id, name: NAME[entity] })
    .from(table)
    .where(inArray(table.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
