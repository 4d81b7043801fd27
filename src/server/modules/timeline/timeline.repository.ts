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
export async function findSourceLeadIds(db: DbOrTx, entity: TimelineEntity, id: string): Promise<string[]> {
  if (entity === "contact") {
    const rows = await db.select({ id: leads.id }).from(leads).where(eq(leads.convertedContactId, id));
    return rows.map((r) => r.id);
  }
  if (entity === "deal") {
    const rows = await db.select({ id: deals.sourceLeadId }).from(deals).where(eq(deals.id, id));
    const fromDeal = rows.flatMap((r) => (r.id ? [r.id] : []));
    const converted = await db.select({ id: leads.id }).from(leads).where(eq(leads.convertedDealId, id));
    return [...new Set([...fromDeal, ...converted.map((r) => r.id)])];
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

export function activityRows(
  db: DbOrTx,
  scope: TimelineScope,
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
        type ? eq(activities.type, type) : undefined,
        before(sql`${activities.createdAt}`, activityKey),
      ),
    )
    .orderBy(desc(activities.createdAt), desc(activityKey))
    .limit(take);
}
