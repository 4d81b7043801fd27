import type { ActivityType } from "@domain/activities/activity-type";
import { visibleWhere } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import { castsCleanly, decodeCursor, encodeCursor, invalidCursor } from "@server/db/keyset";
import { leads } from "@server/db/schema";
import { activityVisibility, participantsFor } from "@server/modules/activities/activity.service";
import type { TimelineItem } from "@shared/schemas/timeline";
import { type SQL, sql } from "drizzle-orm";
import * as repo from "./timeline.repository";

export type { TimelineEntity } from "./timeline.repository";

/** [PostgreSQL timestamp text, item key]; anything else (tampered, foreign) is a 400, not a failed cast. */
function decodeTimelineCursor(cursor: string) {
  const [at, key] = decodeCursor(cursor, 2);
  if (
    typeof at !== "string" ||
    !castsCleanly(at, "timestamptz") ||
    typeof key !== "string" ||
    !/^[ha][\w-]{1,40}$/.test(key)
  ) {
    throw invalidCursor();
  }
  return [at, key] as const;
}

export interface TimelineQuery {
  limit: number;
  cursor?: string | undefined;
  /** Only history or only activities. */
  kind?: "history" | "activity" | undefined;
  /** Only activities of this type (implies kind "activity"). */
  type?: ActivityType | undefined;
}

/**
 * One record's timeline, newest first: its history from the audit log and the activities linked to it,
 * merged along one keyset (time, then a stable key). A contact's and a deal's timeline also hold the
 * history and activities of the lead they were converted from. The caller has already checked that
 * the actor may see the record itself; every part inside passes its own gate (issue #14): activities
 * the one of GET /activities/{id}, a source lead's history the lead's, participants the contact's.
 */
export async function recordTimeline(
  ctx: ServiceContext,
  entity: repo.TimelineEntity,
  entityId: string,
  query: TimelineQuery,
): Promise<{ data: TimelineItem[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeTimelineCursor(query.cursor) : null;
  const before = (at: SQL, key: SQL) =>
    cursor ? sql`(${at}, ${key}) < (cast(${cursor[0]} as timestamptz), ${cursor[1]})` : undefined;
  const take = query.limit + 1;
  const scope = {
    entity,
    id: entityId,
    sourceLeadIds: await repo.findSourceLeadIds(
      ctx.db,
      entity,
      entityId,
      visibleWhere(ctx.actor, "lead", leads),
    ),
  };
  const viaLead = (type: string, id: string | null) =>
    type !== entity && id && scope.sourceLeadIds.includes(id) ? id : null;

  const wantHistory = query.kind !== "activity" && !query.type;
  const wantActivities = query.kind !== "history";
  const history = wantHistory ? await repo.historyRows(ctx.db, scope, before, take) : [];
  const acts = wantActivities
    ? await repo.activityRows(ctx.db, scope, activityVisibility(ctx), query.type, before, take)
    : [];
  // Contacts the reader may not see come without their names.
  const participants = await participantsFor(
    ctx.db,
    ctx.actor,
    acts.map((a) => a.act.id),
  );

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
        viaLeadId: viaLead(h.log.entityType, h.log.entityId),
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
          version: a.act.version,
          type: a.act.type,
          subject: a.act.subject,
          body: a.act.body,
          dueAt: a.act.dueAt?.toISOString() ?? null,
          startsAt: a.act.startsAt?.toISOString() ?? null,
          endsAt: a.act.endsAt?.toISOString() ?? null,
          done: a.act.done,
          participants: participants
            .filter((p) => p.activityId === a.act.id)
            .map(({ kind, id, name, visible }) => ({ kind, id, name, visible })),
        },
        viaLeadId:
          entity !== "lead" && a.act.leadId && scope.sourceLeadIds.includes(a.act.leadId)
            ? a.act.leadId
            : null,
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
