import type { WinModelReport, winModelFieldsBody } from "@shared/schemas/win-model";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

const key = ["lead-win-model"] as const;

export function useWinModelReport() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiRequest<WinModelReport>("/lead-win-model", { signal }),
    // While a training waits or runs, look again every few seconds.
    refetchInterval: (query) =>
      query.state.data?.training.state === "queued" || query.state.data?.training.state === "running"
        ? 3_000
        : false,
  });
}

export function useTrainWinModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<WinModelReport>("/lead-win-model/train", { method: "POST" }),
    onSuccess: (report) => queryClient.setQueryData(key, report),
  });
}

export function useWinModelFields() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof winModelFieldsBody>) =>
      apiRequest<WinModelReport>("/lead-win-model/fields", { method: "PUT", body }),
    onSuccess: (report) => queryClient.setQueryData(key, report),
  });
}
