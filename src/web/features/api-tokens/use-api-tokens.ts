import type { CreateApiTokenRequest } from "@shared/schemas/account";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiTokensApi } from "./api-tokens-api";

export const apiTokensQuery = queryOptions({
  queryKey: ["api-tokens"],
  queryFn: async ({ signal }) => (await apiTokensApi.list(signal)).data,
});

export function useApiTokens() {
  return useQuery(apiTokensQuery);
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenRequest) => apiTokensApi.create(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQuery.queryKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiTokensApi.revoke(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQuery.queryKey }),
  });
}
