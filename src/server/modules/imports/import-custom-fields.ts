import type { DbOrTx } from "@server/db/client";
import { users } from "@server/db/schema";
import { definitionsOf } from "@server/modules/custom-fields/record-custom-fields";
import { checkCustomFieldValue } from "@shared/custom-field-values";
import { MONEY_RULES } from "@shared/locale-number";
import type { CustomFieldDefinition, CustomFieldEntity } from "@shared/schemas/custom-field";
import { sql } from "drizzle-orm";
import { CellReader } from "./cell-readers";
import { headerKey } from "./import-mapping";
import type { CellError, ReadOptions } from "./record-import";

/**
 * Custom fields as import targets (issue #20): a column maps to `cf.<key>` (the name the export's raw
 * header and the list filters use). Cells are read like the built-in ones: numbers and days in the
 * file's locale, choices by the value mapping, their label (de/en) or key, a user by e-mail or name.
 */
export const CUSTOM_TARGET = "cf.";
export const isCustomTarget = (field: string | null | undefined): field is string =>
  typeof field === "string" && field.startsWith(CUSTOM_TARGET);

/** A mapping that names no custom field costs the import nothing (no read of definitions or users). */
export const mapsCustomFields = (mapping: Readonly<Record<string, string | null>>) =>
  Object.values(mapping).some(isCustomTarget);

/** The `cf.<key>` targets an entity offers now: its live fields. */
export async function customTargets(db: DbOrTx, entity: CustomFieldEntity): Promise<Set<string>> {
  return new Set((await definitionsOf({}, db, entity, true)).map((d) => `${CUSTOM_TARGET}${d.key}`));
}

/** Each header naming a live field (its German or English label, its key or `cf.<key>`), unmapped ones only. */
export function customAutoMapping(
  mapping: Record<string, string | null>,
  definitions: readonly CustomFieldDefinition[],
): Record<string, string | null> {
  const byWord = new Map<string, string>();
  for (const d of definitions)
    for (const word of [d.label.de, d.label.en, d.key, `${CUSTOM_TARGET}${d.key}`])
      if (!byWord.has(headerKey(word))) byWord.set(headerKey(word), `${CUSTOM_TARGET}${d.key}`);
  const taken = new Set(Object.values(mapping));
  const out = { ...mapping };
  for (const [header, field] of Object.entries(mapping)) {
    const target = field ? undefined : byWord.get(headerKey(header));
    if (target && !taken.has(target)) {
      out[header] = target;
      taken.add(target);
    }
  }
  return out;
}

export interface CustomCellContext {
  definitions: readonly CustomFieldDefinition[];
  /** A user's folded e-mail and name → id (read only when a user field is mapped). */
  users: ReadonlyMap<string, string>;
}

/** What the batch needs to read the custom cells, or null when the mapping names none. */
export async function customCellContext(
  db: DbOrTx,
  entity: CustomFieldEntity,
  mapping: Readonly<Record<string, string | null>>,
): Promise<CustomCellContext | null> {
  if (!mapsCustomFields(mapping)) return null;
  const definitions = await definitionsOf({}, db, entity, true);
  const mapped = new Set(Object.values(mapping));
  const needsUsers = definitions.some((d) => d.type === "user" && mapped.has(`${CUSTOM_TARGET}${d.key}`));
  const byWord = new Map<string, string>();
  if (needsUsers)
    for (const u of await db.select({ id: users.id, name: users.name, email: users.email }).from(users))
      for (const word of [u.email, u.name]) if (word) byWord.set(word.trim().toLowerCase(), u.id);
  return { definitions, users: byWord };
}

const YES = new Set(["ja", "j", "yes", "y", "true", "wahr", "x", "1"]);
const NO = new Set(["nein", "n", "no", "false", "falsch", "0"]);

/**
 * The row's custom values (`customFields` of the create body) and the cells that could not be read,
 * each naming its `cf.<key>` field. A cell of a deleted or unknown field is never read.
 */
export function readCustomCells(
  cells: Record<string, string>,
  context: CustomCellContext,
  options: ReadOptions,
): { values: Record<string, unknown> | null; errors: CellError[] } {
  const reader = new CellReader(cells, options);
  const values: Record<string, unknown> = {};
  const errors: CellError[] = [];
  for (const def of context.definitions) {
    const field = `${CUSTOM_TARGET}${def.key}`;
    const raw = cells[field];
    if (raw === undefined) continue;
    const value = readOne(def, field, raw, reader, context, options);
    if (value === undefined) continue;
    const checked = checkCustomFieldValue(def, value);
    if ("problem" in checked) errors.push({ field, code: checked.problem });
    else if (checked.value !== null) values[def.key] = checked.value;
  }
  errors.push(...reader.errors);
  return { values: Object.keys(values).length ? values : null, errors };
}

/** One cell in the value's stored form; undefined when the reader already named the error. */
function readOne(
  def: CustomFieldDefinition,
  field: string,
  raw: string,
  reader: CellReader,
  context: CustomCellContext,
  options: ReadOptions,
): unknown {
  const choice = (text: string) => {
    const mapped = options.valueMapping[field]?.[text];
    if (mapped) return mapped;
    const folded = headerKey(text);
    return (
      def.options.find(
        (o) =>
          headerKey(o.value) === folded ||
          headerKey(o.label.de) === folded ||
          headerKey(o.label.en) === folded,
      )?.value ?? text
    );
  };
  switch (def.type) {
    case "number":
      return reader.number(field, { maximumFractionDigits: 4, min: -999_999_999_999, max: 999_999_999_999 });
    case "money": {
      // "12.500,00 EUR" or "12.500,00": the amount in the file's locale, a trailing currency code.
      const currency = /\s([A-Za-z]{3})$/.exec(raw)?.[1]?.toUpperCase();
      const amount = new CellReader({ [field]: currency ? raw.slice(0, -4) : raw }, options).number(
        field,
        MONEY_RULES,
      );
      if (amount === undefined) {
        reader.errors.push({ field, code: "import_number_invalid" });
        return undefined;
      }
      return { amount: amount.toFixed(2), currency: currency ?? "EUR" };
    }
    case "date":
      return reader.day(field);
    case "choice":
      return choice(raw);
    case "multi_choice":
      // A mapped value stands for the whole cell; otherwise "CRM, ERP" or "CRM; ERP".
      return options.valueMapping[field]?.[raw]
        ? [options.valueMapping[field]?.[raw]]
        : raw
            .split(/[,;]/)
            .map((part) => part.trim())
            .filter(Boolean)
            .map(choice);
    case "checkbox": {
      const word = raw.trim().toLowerCase();
      return YES.has(word) ? true : NO.has(word) ? false : raw;
    }
    case "user":
      return context.users.get(raw.trim().toLowerCase()) ?? raw;
    default:
      return raw;
  }
}

/**
 * The leads the intake pipeline just made for a batch get their rows' custom values in one statement
 * (the pipeline's input has no custom fields; the values were checked in the plan), in the same
 * transaction: a batch of 1,000 leads costs one UPDATE, not one per lead.
 */
export async function setLeadCustomFields(
  db: DbOrTx,
  rows: readonly { id: string; customFields: Record<string, unknown> }[],
) {
  if (rows.length === 0) return;
  const json = rows.map((r) => ({ id: r.id, custom_fields: r.customFields }));
  await db.execute(sql`
    update leads set custom_fields = leads.custom_fields || v.custom_fields
    from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as v(id uuid, custom_fields jsonb)
    where leads.id = v.id`);
}

type Changes = Record<string, { from: unknown; to: unknown }>;

const emptyValue = (v: unknown) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * The custom values a row changes on a duplicate, as `cf.<key>` changes beside the built-in fields'
 * (the preview and the undo read them alike): with `fill_empty` only values the record lacks, else
 * every value that differs. A value the row leaves empty never clears the record's.
 */
export function customChanges(
  current: Record<string, unknown> | null | undefined,
  values: Record<string, unknown> | null | undefined,
  policy: string,
): Changes {
  const changes: Changes = {};
  for (const [key, next] of Object.entries(values ?? {})) {
    if (emptyValue(next)) continue;
    const now = current?.[key];
    if (policy === "fill_empty" ? emptyValue(now) : JSON.stringify(now ?? null) !== JSON.stringify(next))
      changes[`${CUSTOM_TARGET}${key}`] = { from: now ?? null, to: next };
  }
  return changes;
}

/**
 * A record's whole `custom_fields` after its `cf.<key>` changes (`to`: the import, `from`: its undo;
 * null removes the key), or undefined when the changes name no custom field.
 */
export function customFieldsAfter(
  current: Record<string, unknown> | null | undefined,
  changes: Changes,
  side: "from" | "to",
): Record<string, unknown> | undefined {
  const custom = Object.entries(changes).filter(([field]) => isCustomTarget(field));
  if (custom.length === 0) return undefined;
  const out: Record<string, unknown> = { ...(current ?? {}) };
  for (const [field, change] of custom) {
    const value = change[side];
    if (emptyValue(value)) delete out[field.slice(CUSTOM_TARGET.length)];
    else out[field.slice(CUSTOM_TARGET.length)] = value;
  }
  return out;
}

/**
 * Changes as a change body: built-in fields with their `side` value, `cf.<key>` ones gathered in
 * `customFields` (null clears a key; the service merges them into the record's and checks them).
 */
export function changeBody(changes: Changes, side: "from" | "to"): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [field, change] of Object.entries(changes)) {
    if (isCustomTarget(field)) custom[field.slice(CUSTOM_TARGET.length)] = change[side] ?? null;
    else body[field] = change[side];
  }
  if (Object.keys(custom).length > 0) body.customFields = custom;
  return body;
}
