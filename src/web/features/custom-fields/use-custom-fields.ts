import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type ChangeTypeRequest,
  type CustomFieldEntity,
  customFieldsApi,
  type UpdateCustomFieldRequest,
} from "./custom-fields-api";

/** Every live definition, once per session: forms, cards and lists of all four entities share it. */
export const customFieldsQuery = queryOptions({
  queryKey: ["custom-fields"],
  queryFn: async ({ signal }) => (await customFieldsApi.list({}, signal)).data,
  staleTime: 60_000,
});

export const deletedCustomFieldsQuery = queryOptions({
  queryKey: ["custom-fields", "deleted"],
  queryFn: async ({ signal }) => (await customFieldsApi.list({ deleted: true }, signal)).data,
});

/** The live fields of one entity, in form order. */
export function useCustomFields(entity: CustomFieldEntity) {
  const query = useQuery(customFieldsQuery);
  return { ...query, fields: (query.data ?? []).filter((f) => f.entity === entity) };
}

function useFieldMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["custom-fields"] }),
  });
}

export const useCreateCustomField = () => useFieldMutation(customFieldsApi.create);
export const useUpdateCustomField = () =>
  useFieldMutation(({ id, body }: { id: string; body: UpdateCustomFieldRequest }) =>
    customFieldsApi.update(id, body),
  );
export const useDeleteCustomField = () => useFieldMutation(customFieldsApi.remove);
export const useRestoreCustomField = () => useFieldMutation(customFieldsApi.restore);
export const usePurgeCustomField = () => useFieldMutation(customFieldsApi.purge);
/** Changes a field's type, or with `dryRun` only checks it; a real change refreshes every field list. */
export const useChangeCustomFieldType = () =>
  useFieldMutation(({ id, body }: { id: string; body: ChangeTypeRequest }) =>
    customFieldsApi.changeType(id, body),
  );
