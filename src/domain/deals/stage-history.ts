/**
 * A deal's stage history: one row per stay in a stage, `leftAt` null for the current one. A move to
 * another stage closes the open row and opens a new one; a move within the column changes nothing.
 * An outcome (won/lost) closes the open row without opening one (time in stage stops counting), and
 * reopening opens a new stay in the deal's stage.
 */
export interface StageStay {
  stageId: string;
  enteredAt: Date;
  leftAt: Date | null;
}

export type StageTransition = { kind: "none" } | { kind: "enter"; close: boolean; stageId: string; at: Date };

/** What a move from `fromStageId` to `toStageId` at `at` does to the history. */
export function stageTransition(fromStageId: string | null, toStageId: string, at: Date): StageTransition {
  if (fromStageId === toStageId) return { kind: "none" };
  return { kind: "enter", close: fromStageId !== null, stageId: toStageId, at };
}

/** Applies a transition to an in-memory history (what the repository does in SQL). */
export function applyTransition(history: readonly StageStay[], t: StageTransition): StageStay[] {
  if (t.kind === "none") return [...history];
  const closed = t.close
    ? history.map((s) => (s.leftAt === null ? { ...s, leftAt: t.at } : s))
    : [...history];
  return [...closed, { stageId: t.stageId, enteredAt: t.at, leftAt: null }];
}

/** Milliseconds spent per stage over all stays (the open stay counted up to `now`). */
export function timeInStages(history: readonly StageStay[], now: Date): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of history) {
    const end = s.leftAt ?? now;
    totals.set(s.stageId, (totals.get(s.stageId) ?? 0) + Math.max(0, end.getTime() - s.enteredAt.getTime()));
  }
  return totals;
}
