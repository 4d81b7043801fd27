import type { DbOrTx } from "@server/db/client";
import {
  activities,
  companies,
  contacts,
  dealContacts,
  deals,
  leads,
  stages,
  users,
} from "@server/db/schema";
import { and, eq, type SQL, sql } from "drizzle-orm";

/** The permission filters a deal view needs: the deal's own and those of the records it shows. */
export interface ViewGates {
  deal: SQL;
  company: SQL;
  contact: SQL;
  lead: SQL;
  activity: SQL;
}

const utc = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A deal with everything its card and page show, in one query for any number of deals: stage,
 * company and owner names, the source lead's BANT, contacts (primary first), next open activity and
 * the time of the last activity. The linked records are read under their own permission gates; the
 * last-activity time counts every activity of the deal (it drives the rotting flag, which must not
 * depend on who looks).
 */
export function selectDealViews(db: DbOrTx, gates: ViewGates, sortExpr: SQL = sql`null`) {
  return db
    .select({
      row: deals,
      /** The sort value as PostgreSQL text, for keyset cursors. */
      sortKey: sql<string | null>`(${sortExpr})::text`,
      stageName: stages.name,
      stageProbability: stages.probability,
      rottingDays: stages.rottingDays,
      companyName: companies.name,
      ownerName: users.name,
      leadBant: leads.bant,
      contacts: sql<unknown>`(
        select coalesce(json_agg(json_build_object(
          'contactId', ${contacts.id},
          'name', trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName}),
          'isPrimary', ${dealContacts.isPrimary}
        ) order by ${dealContacts.isPrimary} desc, ${contacts.lastName}, ${contacts.id}), '[]'::json)
        from ${dealContacts} join ${contacts} on ${contacts.id} = ${dealContacts.contactId}
        where ${dealContacts.dealId} = ${deals.id} and ${gates.contact}
      )`,
      nextActivity: sql<unknown>`(
        select json_build_object(
          'id', ${activities.id}, 'type', ${activities.type}, 'subject', ${activities.subject},
          'at', ${utc(sql`${activities.occursAt}`)}
        )
        from ${activities}
        where ${activities.dealId} = ${deals.id} and ${activities.done} = false and ${gates.activity}
        order by ${activities.occursAt} asc nulls last, ${activities.createdAt} asc
        limit 1
      )`,
      lastActivityAt: sql<string | null>`(
        select ${utc(sql`max(greatest(${activities.createdAt}, ${activities.doneAt}))`)}
        from ${activities}
        where ${activities.dealId} = ${deals.id} and ${activities.deletedAt} is null
      )`,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .leftJoin(companies, and(eq(companies.id, deals.companyId), gates.company))
    .leftJoin(users, eq(users.id, deals.ownerId))
    .leftJoin(leads, and(eq(leads.id, deals.sourceLeadId), gates.lead))
    .$dynamic();
}

export type DealView = Awaited<ReturnType<ReturnType<typeof selectDealViews>["execute"]>>[number];

export async function findDealView(db: DbOrTx, id: string, gates: ViewGates): Promise<DealView | undefined> {
  const [view] = await selectDealViews(db, gates).where(and(eq(deals.id, id), gates.deal));
  return view;
}
