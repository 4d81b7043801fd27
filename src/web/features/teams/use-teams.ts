import type { CreateTeamRequest, UpdateTeamRequest } from "@shared/schemas/account";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { teamsApi } from "./teams-api";

export const teamsQuery = queryOptions({
  queryKey: ["teams"],
  queryFn: ({ signal }) => teamsApi.listAll(signal),
});

export function useTeams() {
  return useQuery(teamsQuery);
}

/** Team names by id, for showing a user's team. */
export function useTeamNames(): Map<string, string> {
  const { data } = useTeams();
  return useMemo(() => new Map((data ?? []).map((team) => [team.id, team.name])), [data]);
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTeamRequest) => teamsApi.create(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey }),
  });
}

export function useUpdateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateTeamRequest & { id: string }) => teamsApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey }),
  });
}
