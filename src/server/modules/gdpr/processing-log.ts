import type { ProcessingAction, SubjectType } from "@domain/gdpr/gdpr-types";
import type { DbOrTx } from "@server/db/client";
import { processingLog } from "@server/db/schema";

/** Who acts: a user in a request, or the retention job (actor null). */
export interface LogContext {
  actor: { id: string } | null;
  requestId?: string | null;
}

/**
 * Records one data-protection action in the processing log, inside the transaction of the action.
 * `detail` carries counts and ids only, never a name or an address (the log outlives erasures).
 */
export async function logProcessing(
  db: DbOrTx,
  ctx: LogContext,
  action: ProcessingAction,
  subject: { type: SubjectType; id: string } | null,
  extra: { reason?: string | null; detail?: Record<string, unknown> | null } = {},
): Promise<void> {
  await db.insert(processingLog).values({
    action,
    subjectType: subject?.type ?? null,
    subjectId: subject?.id ?? null,
    actorId: ctx.actor?.id ?? null,
    reason: extra.reason ?? null,
    detail: extra.detail ?? null,
    requestId: ctx.requestId ?? null,
  });
}
