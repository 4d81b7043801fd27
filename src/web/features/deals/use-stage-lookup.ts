import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { useMemo } from "react";
import type { Pipeline, Stage } from "./deals-api";

export interface StagePlace {
  stage: Stage;
  pipeline: Pipeline;
}

/** Stage and pipeline by stage id: a deal carries only the ids. */
export function useStageLookup(): Map<string, StagePlace> {
  const pipelines = usePipelines();
  return useMemo(
    () =>
      new Map(
        (pipelines.data ?? []).flatMap((pipeline) =>
          pipeline.stages.map((stage) => [stage.id, { stage, pipeline }] as const),
        ),
      ),
    [pipelines.data],
  );
}
