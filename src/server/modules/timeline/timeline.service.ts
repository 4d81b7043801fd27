import type { ServiceContext } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/keyset";
import { activities, auditLog, users } from "@server/db/schema";
import { AppError } from "@server/errors";
import type { TimelineItem } from "@shared/schemas/timeline";
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";

/** [PostgreSQL timestamp text, item key]; anything else (tampered, foreign) is a 400, not a failed cast. */
function decodeTimelineCursor(cursor: string) {
  const [at, key] = decodeCursor(cursor, 2);
  if (
    typeof at !== "string" ||
    Number.isNaN(Date.parse(at.replace(" ", "T"))) ||
    typeof key !== "string" ||
    !/^[ha][\w-]{1,40}$/.test(key)
  ) {
    throw new AppError("validation", "The cursor is not valid; start again from the first page", [
      { path: "cursor", message: "Invalid cursor" },
    ]);
  }
  return [at, key] as const;
}

export type TimelineEntity = "lead" | "contact" | "company" | "deal";

const ACTIVITY_LINK = {
  lead: activities.leadId,
  contact: activities.contactId,
  company: activities.companyId,
  deal: activities.dealId,
} as const;

/**
 * One record's timeline, newest first: its history from the audit log and the activities linked to it,
 * merged along one keyset (time, then a stable key). The caller has already checked that the actor
 * may see the record itself.
 */
export async function recordTimeline(
  ctx: ServiceContext,
  entity: TimelineEntity,
  entityId: string,
  query: { limit: number; cursor?: string | undefined; kind?: "history" | "activity" | undefined },
): Promise<{ data: TimelineItem[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeTimelineCursor(query.cursor) : null;
  const before = (at: SQL, key: SQL) =>
    cursor ? sql`(${at}, ${key}) < (cast(${cursor[0]} as timestamptz), ${cursor[1]})` : undefined;
  const take = query.limit + 1;

  const historyKey = sql`'h' || lpad(${auditLog.id}::text, 20, '0')`;
  const history =
    query.kind === "activity"
      ? []
      : await ctx.db
          .select({
            log: auditLog,
            actorName: users.name,
            at: sql<string>`${auditLog.createdAt}::text`,
            key: sql<string>`${historyKey}`,
          })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorId))
          .where(
            and(
              eq(auditLog.entityType, entity),
              eq(auditLog.entityId, entityId),
              before(sql`${auditLog.createdAt}`, historyKey),
            ),
          )
          .orderBy(desc(auditLog.createdAt), desc(historyKey))
          .limit(take);

  const activityKey = sql`'a' || ${activities.id}::text`;
  const acts =
    query.kind === "history"
      ? []
      : await ctx.db
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
              eq(ACTIVITY_LINK[entity], entityId),
              isNull(activities.deletedAt),
              before(sql`${activities.createdAt}`, activityKey),
            ),
          )
          .orderBy(desc(activities.createdAt), desc(activityKey))
          .limit(take);

  const items = [
    ...history.map((h) => ({
      sortAt: h.at,
      key: h.key,
      item: {
        kind: "history" as const,
        id: String(h.log.id),
        at: h.log.createdAt.toISOString(),
        actor: h.log.actorId ? { id: h.log.actorId, name: h.actorName ?? "—" } : null,
        action: h.log.action,
        changes: (h.log.changes as Record<string, unknown> | null) ?? null,
        activity: null,
      },
    })),
    ...acts.map((a) => ({
      sortAt: a.at,
      key: a.key,
      item: {
        kind: "activity" as const,
        id: a.act.id,
        at: a.act.createdAt.toISOString(),
        actor: a.act.ownerId ? { id: a.act.ownerId, name: a.actorName ?? "—" } : null,
        action: a.act.type,
        changes: null,
        activity: {
          id: a.act.id,
          type: a.act.type,
          subject: a.act.subject,
          body: a.act.body,
          dueAt: a.act.dueAt?.toISOString() ?? null,
          startsAt: a.act.startsAt?.toISOString() ?? null,
          done: a.act.done,
        },
      },
    })),
  ];
  // Same order as SQL: time desc, key desc. Timestamps come as PostgreSQL text (microseconds kept),
  // so compare them as instants, falling back to the key.
  items.sort((x, y) => {
    const dx = Date.parse(x.item.at);
    const dy = Date.parse(y.item.at);
    if (dx !== dy) return dy - dx;
    if (x.sortAt !== y.sortAt) return x.sortAt < y.sortAt ? 1 : -1;
    return x.key < y.key ? 1 : -1;
  });
  const page = items.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((p) => p.item),
    nextCursor: items.length > query.limit && last ? encodeCursor([last.sortAt, last.key]) : null,
  };
}
