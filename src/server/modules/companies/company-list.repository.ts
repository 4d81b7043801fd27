import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, deals } from "@server/db/schema";
import { inArray, type SQL, sql } from "drizzle-orm";

/** What the companies list shows beside each company, counted under the reader's own gates. */
export interface CompanyListFigures {
  id: string;
  contactCount: number;
  openDealCount: number;
  lastActivityAt: string | null;
}

/**
 * Contacts, open deals and the last activity of a page of companies, in one query for the whole page
 * (no query per row). Each subquery is an index lookup per company: contacts_company_idx,
 * deals_company_idx and activities_company_idx (company_id, created_at).
 */
export async function companyListFigures(
  db: DbOrTx,
  ids: string[],
  gates: { contact: SQL; deal: SQL; activity: SQL },
): Promise<Map<string, CompanyListFigures>> {
  if (ids.length === 0) return new Map();
  // Spelled out: drizzle leaves columns unqualified in a select without joins, where "id" inside the
  // subqueries would mean the inner table's own id.
  const companyId = sql`${sql.identifier("companies")}.${sql.identifier("id")}`;
  const rows = await db
    .select({
      id: companies.id,
      contactCount: sql<number>`(
        select count(*)::int from ${contacts}
        where ${contacts.companyId} = ${companyId} and ${gates.contact}
      )`,
      openDealCount: sql<number>`(
        select count(*)::int from ${deals}
        where ${deals.companyId} = ${companyId} and ${deals.status} = 'open' and ${gates.deal}
      )`,
      lastActivityAt: sql<string | null>`(
        select to_char(max(${activities.createdAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        from ${activities}
        where ${activities.companyId} = ${companyId} and ${gates.activity}
      )`,
    })
    .from(companies)
    .where(inArray(companies.id, ids));
  return new Map(
    rows.map((r) => [
      r.id,
      { ...r, contactCount: Number(r.contactCount), openDealCount: Number(r.openDealCount) },
    ]),
  );
}
