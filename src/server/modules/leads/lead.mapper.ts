import type { Principal } from "@domain/access-policy";
import type { Bant } from "@domain/leads/bant";
import { isBantQualified } from "@domain/leads/bant";
import { LEAD_PERSON_FIELDS } from "@domain/leads/lead-fields";
import type { LeadSource } from "@domain/leads/lead-source";
import type { LeadStatus } from "@domain/leads/lead-status";
import type { LifecycleStage } from "@domain/leads/lifecycle";
import type { ScoreReason } from "@domain/leads/score";
import { abilitiesOf } from "@domain/policy/policy";
import { customFieldsOfRow } from "@server/modules/custom-fields/custom-field.mapper";
import { LEAD_FIELDS, type Lead, type LeadField, type LeadListItem } from "@shared/schemas/lead";
import type { LeadRow } from "./lead.repository";

/** A timestamp as drizzle reads it (Date) or as list pages read it (ISO text, db/page-rows.ts). */
const stamp = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());
const iso = (d: Date | string | null) => (d === null ? null : stamp(d));

/** Columns of leads the API shape does not show: lists do not read them (lead-list.repository.ts). */
export const LEAD_UNMAPPED_COLUMNS = [
  "createdBy",
  "deletedAt",
  "phoneNormalized",
  "mobileNormalized",
  "bantQualified",
  "searchText",
  "sortKey",
  "companySortKey",
] as const;
export type LeadMapperRow = Omit<LeadRow, (typeof LEAD_UNMAPPED_COLUMNS)[number]>;
type Stamped<T> = {
  [K in keyof T]: T[K] extends Date ? Date | string : T[K] extends Date | null ? Date | string | null : T[K];
};
type Row = Stamped<LeadMapperRow>;
type Column = keyof LeadMapperRow;

/** One field of the API shape: the columns it is made of and how (`abilities` also asks who reads). */
interface FieldSource<K extends LeadField> {
  columns: readonly Column[];
  value: (row: Row, reader: Principal) => Lead[K];
}
/** Fields that are a column of the same name whose value the API shows as it is. */
type PlainField = { [K in LeadField & Column]: Row[K] extends Lead[K] ? K : never }[LeadField & Column];
/** A field that is its column as it is (the constraint checks the types; TS cannot see it inside). */
const column = <K extends PlainField>(name: K): FieldSource<K> => ({
  columns: [name],
  value: (row) => row[name] as unknown as Lead[K],
});

/** Fields that are each their own column, as they are. */
const columns = <const K extends PlainField>(names: readonly K[]) =>
  Object.fromEntries(names.map((name) => [name, column(name)])) as { [F in K]: FieldSource<F> };

/**
 * Every field of the API shape of a lead, from explicit columns only (internal columns like
 * search_text never leak). A list may ask for some fields only (`fields=`), so each field names the
 * columns it needs and the page reads just those.
 */
const SOURCES: { [K in LeadField]: FieldSource<K> } = {
  id: column("id"),
  version: column("version"),
  externalId: column("externalId"),
  status: { columns: ["status"], value: (row) => row.status as LeadStatus },
  lifecycleStage: { columns: ["lifecycleStage"], value: (row) => row.lifecycleStage as LifecycleStage },
  source: { columns: ["source"], value: (row) => row.source as LeadSource },
  sourceDetail: column("sourceDetail"),
  ...columns(LEAD_PERSON_FIELDS),
  formality: {
    columns: ["formality"],
    value: (row) => (row.formality === "informal" ? "informal" : "formal"),
  },
  interest: column("interest"),
  estimatedValue: {
    columns: ["estimatedValue", "currency"],
    value: (row) =>
      row.estimatedValue === null ? null : { amount: row.estimatedValue, currency: row.currency },
  },
  ownerId: column("ownerId"),
  teamId: column("teamId"),
  contactId: column("contactId"),
  companyId: column("companyId"),
  bant: { columns: ["bant"], value: (row) => row.bant as Bant },
  bantQualified: { columns: ["bant"], value: (row) => isBantQualified(row.bant as Bant) },
  score: column("score"),
  scoreReasons: { columns: ["scoreReasons"], value: (row) => row.scoreReasons as ScoreReason[] },
  tags: column("tags"),
  customFields: { columns: ["customFields"], value: (row) => customFieldsOfRow(row.customFields) },
  lifecycleTimes: {
    columns: ["malAt", "mqlAt", "salAt", "sqlAt"],
    value: (row) => ({ mal: iso(row.malAt), mql: iso(row.mqlAt), sal: iso(row.salAt), sql: iso(row.sqlAt) }),
  },
  assignedAt: { columns: ["assignedAt"], value: (row) => iso(row.assignedAt) },
  lastActivityAt: { columns: ["lastActivityAt"], value: (row) => iso(row.lastActivityAt) },
  createdAt: { columns: ["createdAt"], value: (row) => stamp(row.createdAt) },
  updatedAt: { columns: ["updatedAt"], value: (row) => stamp(row.updatedAt) },
  convertedAt: { columns: ["convertedAt"], value: (row) => iso(row.convertedAt) },
  convertedContactId: column("convertedContactId"),
  convertedCompanyId: column("convertedCompanyId"),
  convertedDealId: column("convertedDealId"),
  deadReason: column("deadReason"),
  abilities: {
    columns: ["status", "teamId", "ownerId"],
    value: (row, reader) => abilitiesOf(reader, "lead", row),
  },
};

/** What a page of leads reads and writes for a set of fields. */
export interface LeadProjection<T = LeadListItem> {
  /** The fields, in the API shape's order; always with id and version. */
  fields: readonly LeadField[];
  /** The columns those fields are made of. */
  columns: readonly Column[];
  map: (row: Row, reader: Principal) => T;
}

const projections = new Map<string, LeadProjection>();

/**
 * The projection of `fields` (all when omitted), made once per set of fields. `map` is compiled to
 * build each object as one literal in a fixed order: list pages map 50 rows per request and a generic
 * loop over field names would leave V8 with objects of changing shape (the reason page-rows.ts
 * compiles its row decoder the same way). The names are our own field names, quoted by JSON.stringify.
 */
export function leadProjection(): LeadProjection<Lead>;
export function leadProjection(fields: readonly LeadField[] | undefined): LeadProjection;
export function leadProjection(
  fields: readonly LeadField[] = LEAD_FIELDS,
): LeadProjection<Lead | LeadListItem> {
  const wanted = new Set<LeadField>(["id", "version", ...fields]);
  const ordered = LEAD_FIELDS.filter((field) => wanted.has(field));
  const key = ordered.join(",");
  let projection = projections.get(key);
  if (!projection) {
    const sources = ordered.map((field) => SOURCES[field].value);
    const body = ordered.map((field, i) => `${JSON.stringify(field)}: s[${i}](row, reader)`).join(", ");
    projection = {
      fields: ordered,
      columns: [...new Set(ordered.flatMap((field) => SOURCES[field].columns))],
      map: new Function("s", `return (row, reader) => ({ ${body} });`)(sources) as LeadProjection["map"],
    };
    projections.set(key, projection);
  }
  return projection;
}

const everyField = leadProjection();

/** The whole API shape of a lead, as `reader` sees it (its abilities are theirs). */
export const toLead = (row: Row, reader: Principal): Lead => everyField.map(row, reader);
