import type { CreateUserRequest, UpdateUserRequest } from "@shared/schemas/account";
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { teamsQuery } from "@web/features/teams/use-teams";
import { usersApi } from "./users-api";

const PAGE_SIZE = 50;
const USERS_KEY = "users";

export function useUserList(q: string) {
  return useInfiniteQuery({
    queryKey: [USERS_KEY, { q }],
    queryFn: ({ pageParam, signal }) => usersApi.list({ q, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Keeps the table in place while a new search term loads.
    placeholderData: keepPreviousData,
  });
}

/** After any user change the list and the teams' member counts may be stale. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [USERS_KEY] }),
      queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => usersApi.create(body),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserRequest & { id: string }) => usersApi.update(id, body),
    onSuccess: invalidate,
  });
}
