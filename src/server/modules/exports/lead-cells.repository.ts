import { LEAD_INQUIRY_FIELDS } from "@domain/leads/lead-fields";
import { leads } from "@server/db/schema";
import { sql } from "drizzle-orm";
import type { SqlSource } from "./csv-sql";

/**
 * Where each column of LEAD_COLUMNS (export-columns.ts) comes from in SQL, for the lead CSV that
 * PostgreSQL writes (csv-copy.ts): the same values the columns' `value` functions take from a row.
 * A column missing here keeps the export on the JS path.
 */
export const LEAD_CELL_SQL: Record<string, SqlSource> = {
  id: { expr: sql`${leads.id}::text` },
  status: { expr: sql`${leads.status}` },
  lifecycleStage: { expr: sql`${leads.lifecycleStage}` },
  source: { expr: sql`${leads.source}` },
  sourceDetail: { expr: sql`${leads.sourceDetail}` },
  ...Object.fromEntries(LEAD_INQUIRY_FIELDS.map((key) => [key, { expr: sql`${leads[key]}` }])),
  addressBlock: {
    address: {
      // The JS column's test: any of the three is a non-empty string.
      present: sql`(coalesce(${leads.street}, '') <> '' or coalesce(${leads.postalCode}, '') <> '' or coalesce(${leads.city}, '') <> '')`,
      company: sql`${leads.companyName}`,
      person: [leads.salutation, leads.title, leads.firstName, leads.lastName].map((c) => sql`${c}`),
      street: sql`${leads.street}`,
      postalCode: sql`${leads.postalCode}`,
      city: sql`${leads.city}`,
      country: sql`${leads.country}`,
    },
  },
  estimatedValue: { expr: sql`${leads.estimatedValue}` },
  // The currency belongs to a value: none without one.
  currency: { expr: sql`case when ${leads.estimatedValue} is null then null else ${leads.currency} end` },
  ownerId: { expr: sql`${leads.ownerId}` },
  teamId: { expr: sql`${leads.teamId}` },
  score: { expr: sql`${leads.score}` },
  // The generated column is null, not false, for a BANT document missing a criterion's state.
  bantQualified: { expr: sql`coalesce(${leads.bantQualified}, false)` },
  tags: { expr: sql`${leads.tags}` },
  createdAt: { expr: sql`${leads.createdAt}` },
  updatedAt: { expr: sql`${leads.updatedAt}` },
  deadReason: { expr: sql`${leads.deadReason}` },
};

/** A custom field's value (or a part of a money field's) in SQL: `custom_fields -> key [-> part]`. */
export function leadCustomFieldSql(key: string, part?: "amount" | "currency"): SqlSource {
  const value = sql`(case when jsonb_typeof(${leads.customFields}) = 'object' then ${leads.customFields} -> ${key} end)`;
  return {
    expr: part ? sql`(case when jsonb_typeof(${value}) = 'object' then ${value} -> ${part} end)` : value,
    json: true,
  };
}
