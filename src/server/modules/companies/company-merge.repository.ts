import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import { and, eq, ne } from "drizzle-orm";

/**
 * Moves every link to the loser over to the survivor, regardless of who may see the linked record (a
 * merge is about integrity). Answers how many records of each kind moved.
 */
export async function moveCompanyLinks(db: DbOrTx, loserId: string, survivorId: string) {
  const moved = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    contacts: await moved(
      db
        .update(contacts)
        .set({ companyId: survivorId })
        .where(eq(contacts.companyId, loserId))
        .returning({ id: contacts.id }),
    ),
    leads: await moved(
      db
        .update(leads)
        .set({ companyId: survivorId })
        .where(eq(leads.companyId, loserId))
        .returning({ id: leads.id }),
    ),
    convertedLeads: await moved(
      db
        .update(leads)
        .set({ convertedCompanyId: survivorId })
        .where(eq(leads.convertedCompanyId, loserId))
        .returning({ id: leads.id }),
    ),
    deals: await moved(
      db
        .update(deals)
        .set({ companyId: survivorId })
        .where(eq(deals.companyId, loserId))
        .returning({ id: deals.id }),
    ),
    activities: await moved(
      db
        .update(activities)
        .set({ companyId: survivorId })
        .where(eq(activities.companyId, loserId))
        .returning({ id: activities.id }),
    ),
    // The survivor itself may have been a subsidiary of the loser; its own parent is set by the plan.
    childCompanies: await moved(
      db
        .update(companies)
        .set({ parentCompanyId: survivorId })
        .where(and(eq(companies.parentCompanyId, loserId), ne(companies.id, survivorId)))
        .returning({ id: companies.id }),
    ),
  };
}

/** Records merged into the loser earlier now point at the survivor too. */
export async function repointMergedInto(db: DbOrTx, loserId: string, survivorId: string) {
  await db.update(companies).set({ mergedIntoId: survivorId }).where(eq(companies.mergedIntoId, loserId));
}

/** The survivor a merged-away company points to (the loser itself is soft-deleted). */
export async function findCompanyMergedInto(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ mergedIntoId: companies.mergedIntoId, deletedAt: companies.deletedAt })
    .from(companies)
    .where(eq(companies.id, id));
  return row?.deletedAt ? (row.mergedIntoId ?? null) : null;
}
