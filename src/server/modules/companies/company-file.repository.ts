import type { DbOrTx } from "@server/db/client";
import { activities, contacts, deals, leads, stages } from "@server/db/schema";
import { and, count, desc, eq, notInArray, or, type SQL, sql } from "drizzle-orm";

/**
 * The parts of one company's file. Each takes the permission gate of its own entity, so the file shows
 * exactly what the caller's lists would show; every list is bounded.
 */

export async function companyContacts(db: DbOrTx, companyId: string, visible: SQL, limit: number) {
  const where = and(eq(contacts.companyId, companyId), visible);
  const rows = await db
    .select()
    .from(contacts)
    .where(where)
    .orderBy(contacts.sortKey, contacts.id)
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(contacts).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Leads about the company that are still open: neither converted nor closed. */
export async function companyOpenLeads(db: DbOrTx, companyId: string, visible: SQL, limit: number) {
  const where = and(eq(leads.companyId, companyId), notInArray(leads.status, ["converted", "dead"]), visible);
  const rows = await db
    .select()
    .from(leads)
    .where(where)
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(leads).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Open deals first, then won, then lost; newest first within each. */
export async function companyDeals(db: DbOrTx, companyId: string, visible: SQL, limit: number) {
  return db
    .select({ deal: deals, stageName: stages.name })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .where(and(eq(deals.companyId, companyId), visible))
    .orderBy(
      sql`case ${deals.status} when 'open' then 0 when 'won' then 1 else 2 end`,
      desc(deals.createdAt),
      desc(deals.id),
    )
    .limit(limit);
}

/** Count per status and amount per status and currency, over every visible deal of the company. */
export async function companyDealTotals(db: DbOrTx, companyId: string, visible: SQL) {
  return db
    .select({
      status: deals.status,
      currency: deals.currency,
      count: count(),
      // numeric keeps its scale through sum(); as text it stays exact (no float on the way).
      sum: sql<string | null>`sum(${deals.amount})::text`,
    })
    .from(deals)
    .where(and(eq(deals.companyId, companyId), visible))
    .groupBy(deals.status, deals.currency)
    .orderBy(deals.status, deals.currency);
}

/**
 * The activities of the company and of everything linked to it (its contacts, deals and leads),
 * newest first by when they happen (or were created).
 */
export async function companyActivities(db: DbOrTx, companyId: string, visible: SQL, limit: number) {
  const linked = or(
    eq(activities.companyId, companyId),
    sql`${activities.contactId} in (select id from ${contacts} where company_id = ${companyId} and deleted_at is null)`,
    sql`${activities.dealId} in (select id from ${deals} where company_id = ${companyId} and deleted_at is null)`,
    sql`${activities.leadId} in (select id from ${leads} where company_id = ${companyId} and deleted_at is null)`,
  );
  return db
    .select()
    .from(activities)
    .where(and(linked, visible))
    .orderBy(
      desc(sql`coalesce(${activities.startsAt}, ${activities.dueAt}, ${activities.createdAt})`),
      desc(activities.id),
    )
    .limit(limit);
}

/**
 * Every email of the company and of its contacts, sent and received (PRODUCT.md: the company file
 * holds every email), newest first; `visible` is the activity gate.
 */
export async function companyEmails(db: DbOrTx, companyId: string, visible: SQL, limit: number) {
  const linked = or(
    eq(activities.companyId, companyId),
    sql`${activities.contactId} in (select id from ${contacts} where company_id = ${companyId} and deleted_at is null)`,
  );
  return db
    .select()
    .from(activities)
    .where(and(eq(activities.type, "email"), linked, visible))
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(limit);
}
