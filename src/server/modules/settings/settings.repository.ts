import type { DbOrTx } from "@server/db/client";
import { settings } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";

export async function selectSettingRows(db: DbOrTx, key?: string) {
  const query = db.select({ key: settings.key, value: settings.value }).from(settings);
  return key ? query.where(eq(settings.key, key)) : query;
}

export async function upsertSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}

/**
 * The score rules' lock (transaction-scoped). Every transaction that writes lead scores takes it shared
 * before it reads the rules; a rules change takes it exclusively. So a score computed from the old
 * rules has committed before the change commits, and the rescore queued with the change sees it.
 */
export async function lockScoreRules(db: DbOrTx, mode: "shared" | "exclusive"): Promise<void> {
  await db.execute(
    mode === "shared"
      ? sql`select pg_advisory_xact_lock_shared(hashtext('leadwerk.score_rules'))`
      : sql`select pg_advisory_xact_lock(hashtext('leadwerk.score_rules'))`,
  );
}
