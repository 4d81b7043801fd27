import { DEFAULT_SCORE_RULES } from "@domain/leads/score";
import { assertRole } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { settings } from "@server/db/schema";
import { recordAudit } from "@server/modules/audit/audit.repository";
import { type AppSettings, appSettingsSchema } from "@shared/schemas/settings";
import { sql } from "drizzle-orm";

export const DEFAULT_SETTINGS: AppSettings = {
  sqlRequiresBant: true,
  leadScoreRules: DEFAULT_SCORE_RULES,
  roundRobin: { enabled: false, teamIds: [] },
};

/** All admin settings, defaults filled in; one small query (the table has a handful of rows). */
export async function readSettings(db: DbOrTx): Promise<AppSettings> {
  const rows = await db.select().from(settings);
  // Other modules keep their own keys in this table (e.g. the deals' lost reasons); only ours count here.
  const stored = Object.fromEntries(
    rows.filter((r) => r.key in appSettingsSchema.shape).map((r) => [r.key, r.value]),
  );
  const parsed = appSettingsSchema.partial().safeParse(stored);
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function getSettings(ctx: ServiceContext): Promise<AppSettings> {
  return readSettings(ctx.db);
}

export async function updateSettings(ctx: ServiceContext, input: Partial<AppSettings>): Promise<AppSettings> {
  assertRole(ctx.actor, ["admin"]);
  await ctx.db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      await tx
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
    }
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "settings.updated",
      entityType: "settings",
      entityId: null,
      changes: input,
      requestId: ctx.requestId,
    });
  });
  return readSettings(ctx.db);
}
