import type { DbOrTx } from "@server/db/client";
import { activities, activityParticipants, auditLog, deals, leads, users } from "@server/db/schema";
import { and, desc, eq, exists, inArray, isNull, or, type SQL, sql } from "drizzle-orm";

export type TimelineEntity = "lead" | "contact" | "company" | "deal";

const ACTIVITY_LINK = {
  lead: activities.leadId,
  contact: activities.contactId,
  company: activities.companyId,
  deal: activities.dealId,
} as const;

/**
 * The leads a record came from: a contact's leads converted into it, a deal's source lead. Their
 * history and activities belong to the record's story, so its timeline shows them too.
 */
export async function findSourceLeadIds(
  db: DbOrTx,
  entity: TimelineEntity,
  id: string,
  leadVisible: SQL,
): Promise<string[]> {
  if (entity === "contact") {
    const rows = await db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.convertedContactId, id), leadVisible));
    return rows.map((r) => r.id);
  }
  if (entity === "deal") {
    const fromDeal = db.select({ id: deals.sourceLeadId }).from(deals).where(eq(deals.id, id));
    const rows = await db
      .select({ id: leads.id })
      .from(leads)
      .where(and(or(eq(leads.convertedDealId, id), inArray(leads.id, fromDeal)), leadVisible));
    return [...new Set(rows.map((r) => r.id))];
  }
  return [];
}

export interface TimelineScope {
  entity: TimelineEntity;
  id: string;
  sourceLeadIds: string[];
}

type Before = (at: SQL, key: SQL) => SQL | undefined;

export const historyKey = sql`'h' || lpad(${auditLog.id}::text, 20, '0')`;
export const activityKey = sql`'a' || ${activities.id}::text`;

export function historyRows(db: DbOrTx, scope: TimelineScope, before: Before, take: number) {
  const own = and(eq(auditLog.entityType, scope.entity), eq(auditLog.entityId, scope.id));
  const fromLeads =
    scope.sourceLeadIds.length > 0
      ? and(eq(auditLog.entityType, "lead"), inArray(auditLog.entityId, scope.sourceLeadIds))
      : undefined;
  return db
    .select({
      log: auditLog,
      actorName: users.name,
      at: sql<string>`${auditLog.createdAt}::text`,
      key: sql<string>`${historyKey}`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(fromLeads ? or(own, fromLeads) : own, before(sql`${auditLog.createdAt}`, historyKey)))
    .orderBy(desc(auditLog.createdAt), desc(historyKey))
    .limit(take);
}

/** The activities of the record that `visible` (the activity gate, as GET /activities/{id}) lets through. */
export function activityRows(
  db: DbOrTx,
  scope: TimelineScope,
  visible: SQL,
  type: string | undefined,
  before: Before,
  take: number,
) {
  const links: (SQL | undefined)[] = [eq(ACTIVITY_LINK[scope.entity], scope.id)];
  if (scope.sourceLeadIds.length > 0) links.push(inArray(activities.leadId, scope.sourceLeadIds));
  // A meeting with a contact as participant is part of that contact's story.
  if (scope.entity === "contact")
    links.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(activityParticipants)
          .where(
            and(
              eq(activityParticipants.activityId, activities.id),
              eq(activityParticipants.contactId, scope.id),
            ),
          ),
      ),
    );
  return db
    .select({
      act: activities,
      actorName: users.name,
      at: sql<string>`${activities.createdAt}::text`,
      key: sql<string>`${activityKey}`,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.ownerId))
    .where(
      and(
        or(...links),
        isNull(activities.deletedAt),
        visible,
        type ? eq(activities.type, type) : undefined,
        before(sql`${activities.createdAt}`, activityKey),
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activityKey))
    .limit(take);
}
