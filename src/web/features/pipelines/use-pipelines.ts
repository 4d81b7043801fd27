import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CreatePipelineRequest,
  lostReasonsApi,
  type Pipeline,
  pipelinesApi,
  type UpdatePipelineRequest,
} from "@web/features/deals/deals-api";
import { dealKeys } from "@web/features/deals/use-deals";

/** Query keys of pipelines (the board reads `pipelineKeys.all` too) and of the lost reasons. */
export const pipelineKeys = {
  all: ["pipelines"] as const,
  list: ["pipelines", "list"] as const,
  detail: (id: string) => ["pipelines", "detail", id] as const,
};
export const lostReasonKeys = { all: ["lost-reasons"] as const };

export const pipelinesQuery = queryOptions({
  queryKey: pipelineKeys.list,
  queryFn: ({ signal }) => pipelinesApi.list(signal),
  staleTime: 60_000,
});

/** Every pipeline with its ordered stages; few and small, so pickers read them all at once. */
export function usePipelines() {
  return useQuery(pipelinesQuery);
}

/** The default pipeline, else the first one. */
export function defaultPipeline(pipelines: readonly Pipeline[] | undefined): Pipeline | undefined {
  return pipelines?.find((p) => p.isDefault) ?? pipelines?.[0];
}

function usePipelineChanged() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
    // Stage names, probabilities and moved deals show on deals and boards too.
    await queryClient.invalidateQueries({ queryKey: dealKeys.all });
  };
}

export function useCreatePipeline() {
  const changed = usePipelineChanged();
  return useMutation({
    mutationFn: (body: CreatePipelineRequest) => pipelinesApi.create(body),
    onSuccess: changed,
  });
}

export function useUpdatePipeline() {
  const changed = usePipelineChanged();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePipelineRequest }) => pipelinesApi.update(id, body),
    onSuccess: changed,
  });
}

export function useDeletePipeline() {
  const changed = usePipelineChanged();
  return useMutation({ mutationFn: (id: string) => pipelinesApi.remove(id), onSuccess: changed });
}

export const lostReasonsQuery = queryOptions({
  queryKey: lostReasonKeys.all,
  queryFn: ({ signal }) => lostReasonsApi.get(signal),
  staleTime: 5 * 60_000,
});

export function useLostReasons() {
  return useQuery(lostReasonsQuery);
}

export function useUpdateLostReasons() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reasons: string[]) => lostReasonsApi.update(reasons),
    onSuccess: (reasons) => queryClient.setQueryData(lostReasonKeys.all, reasons),
  });
}
