import type { ProcessingAction, SubjectType } from "@domain/gdpr/gdpr-types";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { afterCursor, decodeCursor, toPage } from "@server/db/keyset";
import { processingLog, users } from "@server/db/schema";
import { and, desc, eq, type SQL } from "drizzle-orm";

/** The processing log for admins, newest first, keyset-paged on (at, id). */
export async function listProcessingLog(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string | undefined; action?: ProcessingAction | undefined },
) {
  authorize(ctx, "gdpr.manage");
  const where: SQL[] = [];
  if (query.action) where.push(eq(processingLog.action, query.action));
  if (query.cursor)
    where.push(
      afterCursor(processingLog.at, processingLog.id, "desc", decodeCursor(query.cursor, 2), "timestamptz"),
    );
  const rows = await ctx.db
    .select({ entry: processingLog, actorName: users.name })
    .from(processingLog)
    .leftJoin(users, eq(users.id, processingLog.actorId))
    .where(and(...where))
    .orderBy(desc(processingLog.at), desc(processingLog.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => [r.entry.at.toISOString(), r.entry.id]);
  return {
    nextCursor: page.nextCursor,
    data: page.data.map(({ entry, actorName }) => ({
      id: entry.id,
      action: entry.action as ProcessingAction,
      subjectType: (entry.subjectType as SubjectType | null) ?? null,
      subjectId: entry.subjectId,
      actor: entry.actorId ? { id: entry.actorId, name: actorName ?? "" } : null,
      reason: entry.reason,
      detail: (entry.detail as Record<string, unknown> | null) ?? null,
      at: entry.at.toISOString(),
    })),
  };
}
