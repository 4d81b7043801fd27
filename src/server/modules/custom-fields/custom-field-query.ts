import type { ServiceContext } from "@server/context";
import { type CursorValue, invalidCursor, keysetClauses, type SortKey } from "@server/db/keyset";
import { type FieldError, field, invalidInput } from "@server/errors";
import { message } from "@shared/message-codes";
import {
  CUSTOM_FIELD_KEY,
  type CustomFieldDefinition,
  type CustomFieldEntity,
} from "@shared/schemas/custom-field";
import { CF_PARAM, customFieldSortKey } from "@shared/schemas/custom-field-query";
import { type AnyColumn, and, getTableName, gt, lt, type SQL, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { RECORD_TABLES } from "./custom-field.repository";
import { definitionsOf } from "./record-custom-fields";

/**
 * Custom fields in the four record lists (issue #20 point 1): `cf.<key>` filters and `sort=cf.<key>`
 * checked against the entity's definitions and turned into SQL over the record's `custom_fields`.
 * The expressions are exactly those the filterable-field index job (custom-field-index.job.ts) builds
 * its indexes on, so a filter or sort on a filterable field is an index scan.
 */

type Type = CustomFieldDefinition["type"];

/** The SQL text of a field's value in `column` (a qualified custom_fields column), typed for its kind. */
export function customFieldExpressionText(column: string, key: string, type: Type): string {
  // The key goes into the SQL text (an index matches only a literal): the key pattern allows letters,
  // digits and underscores only, checked again here.
  if (!CUSTOM_FIELD_KEY.test(key)) throw new Error("unsafe custom field key");
  const json = `${column} -> '${key}'`;
  const text = `${column} ->> '${key}'`;
  switch (type) {
    case "number":
      return `(case when jsonb_typeof(${json}) = 'number' then (${text})::numeric end)`;
    case "money":
      return `(case when (${json} ->> 'amount') ~ '^-?[0-9]+(\\.[0-9]+)?$' then (${json} ->> 'amount')::numeric end)`;
    case "checkbox":
      return `(case when jsonb_typeof(${json}) = 'boolean' then (${text})::boolean end)`;
    case "multi_choice":
      return `(case when jsonb_typeof(${json}) = 'array' then ${json} end)`;
    case "text":
    case "long_text":
    case "date":
    case "choice":
    case "url":
    case "email":
    case "phone":
    case "user":
      return `(${text})`;
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** The SQL type a sort cursor's value is cast to; null: the field cannot be sorted by. */
export function customFieldSortCast(type: Type): string | null {
  if (type === "number" || type === "money") return "numeric";
  if (type === "checkbox") return "boolean";
  if (type === "multi_choice") return null;
  return "text";
}

const expressionOf = (entity: CustomFieldEntity, def: CustomFieldDefinition): SQL => {
  const table = getTableName(RECORD_TABLES[entity]);
  return sql.raw(customFieldExpressionText(`"${table}"."custom_fields"`, def.key, def.type));
};

/**
 * Route hook (preValidation): the `cf.<key>…` parameters, each its own in the query string, gathered
 * into the query's `cf` record the list schemas validate; a repeated one joined by commas, as the
 * other list filters take repeats.
 */
export async function gatherCustomFieldParams(request: FastifyRequest): Promise<void> {
  const query = request.query;
  if (typeof query !== "object" || query === null) return;
  const entries = Object.entries(query as Record<string, unknown>);
  if (!entries.some(([name]) => name.startsWith("cf."))) return;
  const rest: Record<string, unknown> = {};
  const cf: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    if (!name.startsWith("cf.")) rest[name] = value;
    else cf[name] = Array.isArray(value) ? value.join(",") : value;
  }
  request.query = { ...rest, cf };
}

export interface CustomFieldListQuery {
  filters: SQL[];
  /** Set when the list is sorted by a custom field. */
  sort: SortKey | null;
}

const NUMBER = /^-?\d{1,15}(\.\d{1,10})?$/;
const isDay = (v: string) => z.iso.date().safeParse(v).success && new Date(v).getUTCFullYear() >= 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
const valuesSql = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** A filter's SQL, or the message code of why its value does not fit the field. */
function filterOf(
  def: CustomFieldDefinition,
  expr: SQL,
  op: "eq" | "gte" | "lte" | "empty",
  value: string,
): SQL | { problem: Parameters<typeof message>[0] } {
  if (op === "empty") {
    if (value !== "true" && value !== "false") return { problem: "cf_checkbox_invalid" };
    return value === "true" ? sql`${expr} is null` : sql`${expr} is not null`;
  }
  const ranged = op === "gte" ? sql`>=` : sql`<=`;
  switch (def.type) {
    case "number":
    case "money":
      if (!NUMBER.test(value)) return { problem: "cf_number_invalid" };
      return op === "eq" ? sql`${expr} = ${value}::numeric` : sql`${expr} ${ranged} ${value}::numeric`;
    case "date":
      if (!isDay(value)) return { problem: "cf_date_invalid" };
      return op === "eq" ? sql`${expr} = ${value}` : sql`${expr} ${ranged} ${value}`;
    case "checkbox":
      if (op !== "eq") return { problem: "cf_operator_invalid" };
      if (value === "true") return sql`${expr} = true`;
      return value === "false" ? sql`${expr} is not true` : { problem: "cf_checkbox_invalid" };
    case "choice":
    case "multi_choice": {
      if (op !== "eq") return { problem: "cf_operator_invalid" };
      const values = list(value);
      const offered = new Set(def.options.map((o) => o.value));
      if (values.length === 0 || values.length > 50 || values.some((v) => !offered.has(v)))
        return { problem: "cf_choice_invalid" };
      return def.type === "choice"
        ? sql`${expr} in (${valuesSql(values)})`
        : sql`${expr} ?| array[${valuesSql(values)}]::text[]`;
    }
    case "user": {
      if (op !== "eq") return { problem: "cf_operator_invalid" };
      const values = list(value);
      if (values.length === 0 || values.length > 50 || values.some((v) => !UUID.test(v)))
        return { problem: "cf_user_invalid" };
      return sql`${expr} in (${valuesSql(values)})`;
    }
    case "text":
    case "long_text":
    case "url":
    case "email":
    case "phone":
      if (op !== "eq") return { problem: "cf_operator_invalid" };
      return sql`${expr} = ${value.trim()}`;
    default: {
      const never: never = def.type;
      return never;
    }
  }
}

/**
 * The filters and the sort key of a list query's custom field parameters, checked against the
 * entity's live definitions: a 400 naming `cf.<key>` (or `sort`) for an unknown key, an operator or a
 * value that does not fit the field's type. A field need not be filterable to filter by (only slower).
 */
export async function customFieldListQuery(
  ctx: Pick<ServiceContext, "customFields" | "db">,
  entity: CustomFieldEntity,
  query: { cf?: Record<string, string> | undefined; sort: string },
): Promise<CustomFieldListQuery> {
  const sortKey = customFieldSortKey(query.sort);
  const params = Object.entries(query.cf ?? {});
  if (params.length === 0 && sortKey === null) return { filters: [], sort: null };
  let definitions = await definitionsOf(ctx, ctx.db, entity);
  const keys = [...params.map(([name]) => CF_PARAM.exec(name)?.[1]), sortKey];
  if (ctx.customFields && keys.some((k) => k && !definitions.some((d) => d.key === k))) {
    // A field made in another process in the last seconds: read again before refusing it.
    definitions = await definitionsOf(ctx, ctx.db, entity, true);
  }
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  const filters: SQL[] = [];
  for (const [name, value] of params) {
    const match = CF_PARAM.exec(name);
    const def = match?.[1] === undefined ? undefined : byKey.get(match[1]);
    if (!def) {
      errors.push(field(name, "unknown_field"));
      continue;
    }
    const op = (match?.[2] ?? "eq") as "eq" | "gte" | "lte" | "empty";
    const filter = filterOf(def, expressionOf(entity, def), op, value);
    if ("problem" in filter) errors.push(field(name, filter.problem as "invalid"));
    else filters.push(filter);
  }
  let sort: SortKey | null = null;
  if (sortKey !== null) {
    const def = byKey.get(sortKey);
    const cast = def ? customFieldSortCast(def.type) : null;
    if (!def) errors.push(field("sort", "unknown_field"));
    else if (cast === null) errors.push(field("sort", "cf_not_sortable"));
    else sort = { expr: expressionOf(entity, def), cast };
  }
  if (errors.length > 0) throw invalidInput(message("invalid"), errors);
  return { filters, sort };
}

/**
 * One keyset page sorted by a custom field, nulls last in both directions, ties broken by id: first
 * the rows with a value after the cursor (a range scan of the field's (value, id) index), then, when
 * the page is not full, the rows without one in id order. A cursor with a null value continues among
 * those. `run` reads up to `limit` rows of the list's own query under an extra condition and order.
 */
export async function customFieldSortedRows<T>(
  key: SortKey,
  idColumn: AnyColumn,
  direction: "asc" | "desc",
  cursor: CursorValue[] | null,
  limit: number,
  run: (where: SQL, orderBy: SQL, limit: number) => Promise<T[]>,
): Promise<T[]> {
  const wanted = limit + 1;
  const amongNulls = cursor !== null && (cursor[0] === null || cursor[0] === undefined);
  let rows: T[] = [];
  if (!amongNulls) {
    const { after, orderBy } = keysetClauses(key, idColumn, direction, cursor);
    rows = await run(and(sql`${key.expr} is not null`, after) ?? sql`true`, orderBy, wanted);
    if (rows.length >= wanted) return rows;
  }
  let afterId: SQL | undefined;
  if (amongNulls) {
    const id = cursor?.[1];
    if (typeof id !== "string" || !UUID.test(id)) throw invalidCursor();
    afterId = direction === "asc" ? gt(idColumn, id) : lt(idColumn, id);
  }
  const order = direction === "asc" ? sql`${idColumn} asc` : sql`${idColumn} desc`;
  const nulls = await run(and(sql`${key.expr} is null`, afterId) ?? sql`true`, order, wanted - rows.length);
  return [...rows, ...nulls];
}
