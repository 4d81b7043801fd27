import type { Role } from "@shared/schemas/common";
import type { PermissionMatrixResponse, RolePermissions } from "@shared/schemas/permissions";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";

export const permissionsApi = {
  get: (signal?: AbortSignal) => apiRequest<PermissionMatrixResponse>("/permissions", { signal }),
  update: (role: Role, body: RolePermissions) =>
    apiRequest<RolePermissions>(`/permissions/${encodeURIComponent(role)}`, { method: "PUT", body }),
};

export const permissionsQuery = queryOptions({
  queryKey: ["permissions"],
  queryFn: ({ signal }) => permissionsApi.get(signal),
});

export function usePermissions() {
  return useQuery(permissionsQuery);
}

/** Saves one role's row; the matrix and the admin's own session (their `permissions`) are read again. */
export function useUpdateRolePermissions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ role, rights }: { role: Role; rights: RolePermissions }) =>
      permissionsApi.update(role, rights),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: permissionsQuery.queryKey }),
  });
}
