import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { settingsApi, type UpdateSettingsRequest } from "./settings-api";

export const appSettingsQuery = queryOptions({
  queryKey: ["settings"],
  queryFn: ({ signal }) => settingsApi.get(signal),
});

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
      // Changed score rules rescore leads on their next write; lists may show other numbers then.
      return queryClient.invalidateQueries({ queryKey: ["leads"] });
    },
  });
}
