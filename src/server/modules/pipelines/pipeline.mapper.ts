import type { Pipeline, Stage } from "@shared/schemas/deal";
import type { PipelineRow, StageRow } from "./pipeline.repository";

export function toStage(row: StageRow): Stage {
  return {
    id: row.id,
    name: row.name,
    probability: row.probability,
    position: row.position,
    rottingDays: row.rottingDays,
  };
}

/** `stages` must be this pipeline's live stages in order. */
export function toPipeline(row: PipelineRow, stages: StageRow[]): Pipeline {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    position: row.position,
    isDefault: row.isDefault,
    stages: stages.filter((s) => s.pipelineId === row.id).map(toStage),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
