import type { DbOrTx } from "@server/db/client";
import { redactAudit } from "@server/modules/audit/audit";

/** What a redacted audit value reads (audit_redact() in the audit trail's migration writes it). */
export const REDACTED = "[erased]";

/**
 * Art. 17 reaches the audit log's before/after values: every value in `changes` of the records'
 * entries becomes REDACTED (`{ from, to }` pairs keep their shape, nulls stay null), the field names
 * stay, so the log still says who changed which field when. The audit log is append-only; this goes
 * through its one narrow escape, `redactAudit` (the SQL function audit_redact), inside the erasure's
 * transaction.
 */
export async function redactAuditFor(
  tx: DbOrTx,
  recordType: "lead" | "contact" | "activity",
  recordIds: string[],
): Promise<number> {
  let changed = 0;
  for (const id of recordIds) changed += await redactAudit(tx, recordType, id);
  return changed;
}
