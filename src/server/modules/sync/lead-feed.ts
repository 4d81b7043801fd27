import { abilitiesOf } from "@domain/policy/policy";
import { leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { idIn } from "@server/db/id-list";
import { leads } from "@server/db/schema";
import type { LeadField } from "@shared/schemas/lead";
import { and, type Column, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";

/** A timestamp as the mappers write it (Date#toISOString: UTC, milliseconds cut). */
const iso = (column: Column) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Each field of a lead's list item as SQL making its JSON value, in the API shape's order: the list's
 * mapper (lead.mapper.ts) in SQL. Typed over every field, so a field added to the lead schema does not
 * compile until it is added here too; `lead-feed.test.ts` checks that both write the same items.
 * `abilities` depend on the reader and are added in JS.
 */
const FIELDS: { [K in Exclude<LeadField, "abilities">]: SQL } = {
  id: sql`${leads.id}`,
  version: sql`${leads.version}`,
  externalId: sql`${leads.externalId}`,
  status: sql`${leads.status}`,
  lifecycleStage: sql`${leads.lifecycleStage}`,
  source: sql`${leads.source}`,
  sourceDetail: sql`${leads.sourceDetail}`,
  salutation: sql`${leads.salutation}`,
  title: sql`${leads.title}`,
  formality: sql`case when ${leads.formality} = 'informal' then 'informal' else 'formal' end`,
  firstName: sql`${leads.firstName}`,
  lastName: sql`${leads.lastName}`,
  companyName: sql`${leads.companyName}`,
  jobTitle: sql`${leads.jobTitle}`,
  department: sql`${leads.department}`,
  email: sql`${leads.email}`,
  phone: sql`${leads.phone}`,
  mobile: sql`${leads.mobile}`,
  website: sql`${leads.website}`,
  street: sql`${leads.street}`,
  postalCode: sql`${leads.postalCode}`,
  city: sql`${leads.city}`,
  country: sql`${leads.country}`,
  interest: sql`${leads.interest}`,
  estimatedValue: sql`case when ${leads.estimatedValue} is null then null else json_build_object('amount', ${leads.estimatedValue}::text, 'currency', ${leads.currency}) end`,
  ownerId: sql`${leads.ownerId}`,
  teamId: sql`${leads.teamId}`,
  contactId: sql`${leads.contactId}`,
  companyId: sql`${leads.companyId}`,
  bant: sql`${leads.bant}`,
  bantQualified: sql`${leads.bantQualified}`,
  score: sql`${leads.score}`,
  scoreReasons: sql`${leads.scoreReasons}`,
  tags: sql`${leads.tags}`,
  // customFieldsOfRow in SQL: a jsonb object as it is, anything else as none.
  customFields: sql`case when jsonb_typeof(${leads.customFields}) = 'object' then ${leads.customFields} else '{}'::jsonb end`,
  lifecycleTimes: sql`json_build_object('mal', ${iso(leads.malAt)}, 'mql', ${iso(leads.mqlAt)}, 'sal', ${iso(leads.salAt)}, 'sql', ${iso(leads.sqlAt)})`,
  assignedAt: iso(leads.assignedAt),
  lastActivityAt: iso(leads.lastActivityAt),
  createdAt: iso(leads.createdAt),
  updatedAt: iso(leads.updatedAt),
  convertedAt: iso(leads.convertedAt),
  convertedContactId: sql`${leads.convertedContactId}`,
  convertedCompanyId: sql`${leads.convertedCompanyId}`,
  convertedDealId: sql`${leads.convertedDealId}`,
  deadReason: sql`${leads.deadReason}`,
};

/**
 * Rendered to text once: drizzle would otherwise walk the 43 fields' SQL on every request. The names
 * are our own field names (letters only), written as SQL literals.
 */
const itemJson = sql.raw(
  new PgDialect().sqlToQuery(
    sql`json_build_object(${sql.join(
      Object.entries(FIELDS).map(([name, value]) => sql`${sql.raw(`'${name}'`)}, ${value}`),
      sql`, `,
    )})::text`,
  ).sql,
);

/**
 * The visible leads among `ids` as their list items' JSON, written by PostgreSQL. A sync page of
 * 1,000 leads read as rows and mapped cost about 100 ms of app CPU per request (45 columns parsed
 * per row, an object per row, then JSON.stringify and the garbage of it all); one text per row,
 * joined, costs a fraction (BENCHMARKS.md, issue #22). The gate is the list's (`leadVisibility`).
 */
export async function leadFeedItems(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  const result = (await ctx.db.execute(
    sql`select ${leads.id} as id, ${leads.status} as status, ${leads.teamId} as team_id, ${leads.ownerId} as owner_id, ${itemJson} as json
        from ${leads} where ${and(idIn(leads.id, ids), leadVisibility(ctx))}`,
  )) as unknown as { rows: FeedRow[] };
  const abilities = new Map<string, string>();
  const items = new Map<string, string>();
  for (const row of result.rows) {
    // The same few owner/team/status combinations recur on a page: their abilities are written once.
    const key = `${row.status}|${row.team_id}|${row.owner_id}`;
    let written = abilities.get(key);
    if (written === undefined) {
      written = JSON.stringify(
        abilitiesOf(ctx.actor, "lead", { status: row.status, teamId: row.team_id, ownerId: row.owner_id }),
      );
      abilities.set(key, written);
    }
    items.set(row.id, `${row.json.slice(0, -1)}, "abilities" : ${written}}`);
  }
  return items;
}

interface FeedRow {
  id: string;
  status: string;
  team_id: string | null;
  owner_id: string | null;
  json: string;
}
