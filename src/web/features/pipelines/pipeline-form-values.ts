import type { Pipeline, UpdatePipelineRequest } from "@web/features/deals/deals-api";

/** One stage row of the editor; `key` identifies the row for drag and drop, `id` is null for a new stage. */
export interface StageRow {
  key: string;
  id: string | null;
  name: string;
  probability: number | string;
  rottingDays: number | string;
}

/** Paths match the API's (stages.2.name), so server errors land beside the input. */
export interface PipelineValues {
  name: string;
  stages: StageRow[];
}

let nextKey = 0;
export const newStageRow = (name: string, probability = 10): StageRow => {
  nextKey += 1;
  return { key: `new-${nextKey}`, id: null, name, probability, rottingDays: "" };
};

export function pipelineValues(pipeline: Pipeline): PipelineValues {
  return {
    name: pipeline.name,
    stages: [...pipeline.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage) => ({
        key: stage.id,
        id: stage.id,
        name: stage.name,
        probability: stage.probability,
        rottingDays: stage.rottingDays ?? "",
      })),
  };
}

const numberOr = (value: number | string, fallback: number) => (value === "" ? fallback : Number(value));

export function stagesBody(rows: StageRow[]): NonNullable<UpdatePipelineRequest["stages"]> {
  return rows.map((row) => ({
    ...(row.id ? { id: row.id } : {}),
    name: row.name.trim(),
    probability: numberOr(row.probability, 0),
    rottingDays: row.rottingDays === "" ? null : Number(row.rottingDays),
  }));
}

/**
 * Where the deals of removed stages go. A move into a stage that was removed later follows on to
 * that stage's own target, so every move ends in a stage that remains.
 */
export function withStageMove(
  moves: Record<string, string>,
  from: string,
  to: string,
): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [source, target] of Object.entries(moves)) next[source] = target === from ? to : target;
  next[from] = to;
  return next;
}

export const stageMovesBody = (moves: Record<string, string>) =>
  Object.entries(moves).map(([fromStageId, toStageId]) => ({ fromStageId, toStageId }));
