import type { DbOrTx } from "@server/db/client";
import { prepared } from "@server/db/prepared";
import { settings } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";

/** Prepared (db/prepared.ts): every lead write reads the settings, or its score rules, first. */
export async function selectSettingRows(
  db: DbOrTx,
  key?: string,
): Promise<{ key: string; value: unknown }[]> {
  if (key === undefined)
    return prepared(db, "settings_all", (d, name) =>
      d.select({ key: settings.key, value: settings.value }).from(settings).prepare(name),
    ).execute();
  return prepared(db, "settings_by_key", (d, name) =>
    d
      .select({ key: settings.key, value: settings.value })
      .from(settings)
      .where(eq(settings.key, sql.placeholder("key")))
      .prepare(name),
  ).execute({ key });
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
