import type { DbOrTx } from "@server/db/client";
import { activities } from "@server/db/schema";
import { and, inArray, type SQL, sql } from "drizzle-orm";

/**
 * When each contact of a page last saw an activity the reader can see, in one query for the page
 * (activities_contact_idx on contact_id, created_at).
 */
export async function contactLastActivities(
  db: DbOrTx,
  ids: string[],
  activityGate: SQL,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      contactId: activities.contactId,
      at: sql<string>`to_char(max(${activities.createdAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    })
    .from(activities)
    .where(and(inArray(activities.contactId, ids), activityGate))
    .groupBy(activities.contactId);
  return new Map(rows.flatMap((r) => (r.contactId ? [[r.contactId, r.at] as const] : [])));
}
