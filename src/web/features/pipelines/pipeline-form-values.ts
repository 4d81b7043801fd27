import { type NumberRules, PERCENT_RULES } from "@shared/locale-number";
import type { NumberReader } from "@web/components/number-field";
import type { Pipeline, UpdatePipelineRequest } from "@web/features/deals/deals-api";

/** Days without activity before a card rots: whole days, one to a year. */
export const ROTTING_DAYS_RULES: NumberRules = { maximumFractionDigits: 0, min: 1, max: 365 };

/**
 * One stage row of the editor; `key` identifies the row for drag and drop, `id` is null for a new stage.
 * Probability and rotting days are the text as typed in the user's locale.
 */
export interface StageRow {
  key: string;
  id: string | null;
  name: string;
  probability: string;
  rottingDays: string;
}

/** Paths match the API's (stages.2.name), so server errors land beside the input. */
export interface PipelineValues {
  name: string;
  stages: StageRow[];
}

let nextKey = 0;
export const newStageRow = (name: string, probability = "10"): StageRow => {
  nextKey += 1;
  return { key: `new-${nextKey}`, id: null, name, probability, rottingDays: "" };
};

export function pipelineValues(pipeline: Pipeline, numbers: NumberReader): PipelineValues {
  return {
    name: pipeline.name,
    stages: [...pipeline.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage) => ({
        key: stage.id,
        id: stage.id,
        name: stage.name,
        probability: numbers.format(stage.probability, PERCENT_RULES),
        rottingDays: numbers.format(stage.rottingDays, ROTTING_DAYS_RULES),
      })),
  };
}

/** The number a field holds, or null when it is empty (validation has refused anything unreadable). */
const numberOrNull = (numbers: NumberReader, text: string, rules: NumberRules) => {
  const reading = numbers.read(text, rules);
  return reading.kind === "number" ? reading.value : null;
};

export function stagesBody(
  rows: StageRow[],
  numbers: NumberReader,
): NonNullable<UpdatePipelineRequest["stages"]> {
  return rows.map((row) => ({
    ...(row.id ? { id: row.id } : {}),
    name: row.name.trim(),
    probability: numberOrNull(numbers, row.probability, PERCENT_RULES) ?? 0,
    rottingDays: numberOrNull(numbers, row.rottingDays, ROTTING_DAYS_RULES),
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
