import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CreateViewRequest,
  type SavedViewEntity,
  savedViewsApi,
  type UpdateViewRequest,
} from "./saved-views-api";

const viewsKey = (entity: SavedViewEntity) => ["saved-views", entity] as const;

/** The caller's own saved views of one list. */
export function useSavedViews(entity: SavedViewEntity) {
  return useQuery({
    queryKey: viewsKey(entity),
    queryFn: async ({ signal }) => (await savedViewsApi.list(entity, signal)).data,
  });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateViewRequest) => savedViewsApi.create(body),
    onSuccess: (view) => queryClient.invalidateQueries({ queryKey: viewsKey(view.entity) }),
  });
}

export function useDeleteSavedView(entity: SavedViewEntity) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => savedViewsApi.remove(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey(entity) }),
  });
}

export function useUpdateSavedView(entity: SavedViewEntity) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateViewRequest }) => savedViewsApi.update(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsKey(entity) }),
  });
}
