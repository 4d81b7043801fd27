import { type Message, message } from "@shared/message-codes";

/**
 * Lifecycle stages MAL → MQL → SAL → SQL (who has qualified the lead). Moving forward stamps the time
 * each stage was entered, skipped ones included, so the funnel counts a lead in every stage it passed;
 * moving back needs a reason (sales hands it back to marketing) and keeps the earlier stamps.
 */
export const LIFECYCLE_STAGES = ["mal", "mql", "sal", "sql"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export type StageTimes = Record<LifecycleStage, Date | null>;

export type LifecycleOutcome =
  | { ok: true; stage: LifecycleStage; times: StageTimes; direction: "forward" | "back" | "same" }
  | { ok: false; path: "lifecycleStage" | "lifecycleReason"; message: Message };

export interface LifecycleChange {
  current: LifecycleStage;
  target: LifecycleStage;
  times: StageTimes;
  reason?: string | null | undefined;
  bantQualified: boolean;
  /** Admin setting: reaching SQL requires all four BANT criteria met (default true). */
  sqlRequiresBant: boolean;
  now: Date;
}

export const stageIndex = (stage: LifecycleStage) => LIFECYCLE_STAGES.indexOf(stage);

/** SAL and SQL: sales has accepted the lead and works it. */
export const isSalesStage = (stage: LifecycleStage) => stage === "sal" || stage === "sql";

export function changeLifecycle(change: LifecycleChange): LifecycleOutcome {
  const from = stageIndex(change.current);
  const to = stageIndex(change.target);
  if (to === from) return { ok: true, stage: change.current, times: change.times, direction: "same" };
  if (to < from) {
    if (!change.reason?.trim()) {
      return { ok: false, path: "lifecycleReason", message: message("lifecycle_back_reason") };
    }
    return { ok: true, stage: change.target, times: change.times, direction: "back" };
  }
  if (change.target === "sql" && change.sqlRequiresBant && !change.bantQualified) {
    return {
      ok: false,
      path: "lifecycleStage",
      message: message("sql_needs_bant"),
    };
  }
  const times = { ...change.times };
  for (const stage of LIFECYCLE_STAGES.slice(0, to + 1)) times[stage] ??= change.now;
  return { ok: true, stage: change.target, times, direction: "forward" };
}
