import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type CreateFormRequest, formsApi } from "./forms-api";

export const formKeys = { all: ["forms"] as const, detail: (id: string) => ["forms", id] as const };

export const useForms = () =>
  useQuery({ queryKey: formKeys.all, queryFn: ({ signal }) => formsApi.list(signal) });

export const useWebForm = (id: string | undefined) =>
  useQuery({
    queryKey: formKeys.detail(id ?? ""),
    queryFn: ({ signal }) => formsApi.get(id ?? "", signal),
    enabled: Boolean(id),
  });

export function useSaveForm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateFormRequest & { version?: number } }) =>
      id ? formsApi.update(id, body) : formsApi.create(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: formKeys.all }),
  });
}
