import type { DbOrTx } from "@server/db/client";
import { auditLog } from "@server/db/schema";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";

/** What a redacted audit value reads. */
export const REDACTED = "[erased]";

/**
 * The one place that rewrites audit entries (Art. 17 reaches the audit log's before/after values):
 * every value in `changes` of the records' entries becomes REDACTED (`{ from, to }` pairs keep
 * their shape), the field names stay, so the log
 * still says who changed which field when. A plain UPDATE; when the audit log becomes append-only
 * (a trigger refusing UPDATE), this function is the one to route through its redaction escape.
 */
export async function redactAuditFor(
  tx: DbOrTx,
  recordType: "lead" | "contact" | "activity",
  recordIds: string[],
): Promise<number> {
  if (recordIds.length === 0) return 0;
  const rows = await tx
    .update(auditLog)
    .set({
      // { field: { from, to } } keeps its shape with both values redacted; any other value is replaced.
      changes: sql`case jsonb_typeof(${auditLog.changes})
        when 'object' then (
          select coalesce(jsonb_object_agg(e.key,
            case when jsonb_typeof(e.value) = 'object' and e.value ? 'from'
              then jsonb_build_object('from', ${REDACTED}::text, 'to', ${REDACTED}::text)
              else to_jsonb(${REDACTED}::text) end), '{}'::jsonb)
          from jsonb_each(${auditLog.changes}) as e)
        else to_jsonb(${REDACTED}::text) end`,
    })
    .where(
      and(
        eq(auditLog.entityType, recordType),
        inArray(auditLog.entityId, recordIds),
        isNotNull(auditLog.changes),
      ),
    )
    .returning({ id: auditLog.id });
  return rows.length;
}
