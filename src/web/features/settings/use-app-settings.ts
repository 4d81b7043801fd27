import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { settingsApi, type UpdateSettingsRequest } from "./settings-api";

export const appSettingsQuery = queryOptions({
  queryKey: ["settings"],
  queryFn: ({ signal }) => settingsApi.get(signal),
});

export const scoreRecalculationQueryKey = ["settings", "score-recalculation"] as const;

/** Workspace settings; every user reads them, the UI adapts (e.g. whether SQL needs BANT). */
export function useAppSettings() {
  return useQuery(appSettingsQuery);
}

export function useUpdateAppSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSettingsRequest) => settingsApi.update(body),
    onSuccess: (settings) => {
      queryClient.setQueryData(appSettingsQuery.queryKey, settings);
      // Changed score rules start a recalculation of every lead's score on the server; its status
      // (score-recalculation-status.tsx) refreshes the lead lists again when it is done.
      void queryClient.invalidateQueries({ queryKey: scoreRecalculationQueryKey });
      return queryClient.invalidateQueries({ queryKey: ["leads"] });
    },
  });
}
