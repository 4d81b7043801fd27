import { isDeepStrictEqual } from "node:util";
import { DEFAULT_SCORE_RULES, type ScoreRule } from "@domain/leads/score";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { enqueueJob, latestJob } from "@server/jobs/job.repository";
import { audit } from "@server/modules/audit/audit";
import { type AppSettings, appSettingsSchema, type ScoreRecalculation } from "@shared/schemas/settings";
import { lockScoreRules, selectSettingRows, upsertSetting } from "./settings.repository";

/**
 * Built once: zod builds and compiles a schema on its first parse, and a `.partial()` made per call
 * cost more CPU than the rest of a lead create's settings read (BENCHMARKS.md, h-cpu13).
 */
const storedSettings = appSettingsSchema.partial();

export const DEFAULT_SETTINGS: AppSettings = {
  sqlRequiresBant: true,
  leadScoreRules: DEFAULT_SCORE_RULES,
  roundRobin: { enabled: false, teamIds: [] },
};

type SettingRow = { key: string; value: unknown };

/** All admin settings, defaults filled in; one small query (the table has a handful of rows). */
export async function readSettings(db: DbOrTx): Promise<AppSettings> {
  return settingsOf(await selectSettingRows(db));
}

function settingsOf(rows: readonly SettingRow[]): AppSettings {
  // Other modules keep their own keys in this table (e.g. the deals' lost reasons); only ours count here.
  const stored = Object.fromEntries(
    rows.filter((r) => r.key in appSettingsSchema.shape).map((r) => [r.key, r.value]),
  );
  const parsed = storedSettings.safeParse(stored);
  return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

async function readScoreRules(db: DbOrTx): Promise<ScoreRule[]> {
  const [row] = await selectSettingRows(db, "leadScoreRules");
  return scoreRulesOf(row);
}

function scoreRulesOf(row: SettingRow | undefined): ScoreRule[] {
  const parsed = appSettingsSchema.shape.leadScoreRules.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS.leadScoreRules;
}

/**
 * `readSettings` and `readScoreRulesForWrite` in one: the rules' shared lock first, then one read of
 * all settings rows for both (a lead write read the table twice, one round trip more per create).
 */
export async function readSettingsForWrite(
  tx: DbOrTx,
): Promise<{ settings: AppSettings; scoreRules: ScoreRule[] }> {
  await lockScoreRules(tx, "shared");
  const rows = await selectSettingRows(tx);
  return {
    settings: settingsOf(rows),
    scoreRules: scoreRulesOf(rows.find((r) => r.key === "leadScoreRules")),
  };
}

/**
 * The score rules for a transaction that writes lead scores; call it first in that transaction. It
 * holds the rules' shared lock until commit, so a rules change waits for this write and the rescore
 * that change queues sees it (see `lockScoreRules`).
 */
export async function readScoreRulesForWrite(tx: DbOrTx): Promise<ScoreRule[]> {
  await lockScoreRules(tx, "shared");
  return readScoreRules(tx);
}

export async function getSettings(ctx: ServiceContext): Promise<AppSettings> {
  return readSettings(ctx.db);
}

/**
 * Changed score rules queue a rescore of every lead in the same transaction (the job runs in the
 * background; `getScoreRecalculation` tells how far it got).
 */
export async function updateSettings(ctx: ServiceContext, input: Partial<AppSettings>): Promise<AppSettings> {
  authorize(ctx, "settings.manage");
  await ctx.db.transaction(async (tx) => {
    if (input.leadScoreRules) {
      await lockScoreRules(tx, "exclusive");
      const before = await readScoreRules(tx);
      const failed = (await latestJob(tx, "lead-rescore"))?.state === "failed";
      if (failed || !isDeepStrictEqual(before, input.leadScoreRules)) await enqueueJob(tx, "lead-rescore");
    }
    for (const [key, value] of Object.entries(input)) {
      if (value !== undefined) await upsertSetting(tx, key, value);
    }
    await audit(tx, ctx, "settings.updated", null, input);
  });
  return readSettings(ctx.db);
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** How far the recalculation of lead scores after the last rules change got. */
export async function getScoreRecalculation(ctx: ServiceContext): Promise<ScoreRecalculation> {
  const job = await latestJob(ctx.db, "lead-rescore");
  if (!job || job.state === "cancelled") {
    return { state: "idle", done: 0, total: null, queuedAt: null, finishedAt: null };
  }
  return {
    state: job.state as ScoreRecalculation["state"],
    done: job.progressDone,
    total: job.progressTotal,
    queuedAt: iso(job.createdAt),
    finishedAt: iso(job.finishedAt),
  };
}
