import type { DbOrTx } from "@server/db/client";
import { auditLog } from "@server/db/schema";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes?: Record<string, unknown> | null;
  requestId?: string | null;
}

/** Call inside the same transaction as the change it records, so neither survives without the other. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
    requestId: entry.requestId ?? null,
  });
}
