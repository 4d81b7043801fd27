import { BUILT_IN_LABEL_GROUPS, builtInLabels, clashesWithBuiltIn } from "@shared/custom-field-labels";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import {
  type ChangeTypeRequest,
  type CustomField,
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

/** The live fields of one entity, in form order, labelled as the admin wrote them (the settings page). */
export function useCustomFieldDefinitions(entity: CustomFieldEntity) {
  const query = useQuery(customFieldsQuery);
  return { ...query, fields: (query.data ?? []).filter((f) => f.entity === entity) };
}

/**
 * The live fields of one entity, in form order, as forms, detail pages, lists, filters and imports
 * show them beside the entity's own fields: a field labelled like one of those (a company's
 * "Branche", made before such labels were refused; issue #20) reads "Branche (eigenes Feld)".
 */
export function useCustomFields(entity: CustomFieldEntity) {
  const query = useCustomFieldDefinitions(entity);
  const { t, i18n } = useTranslation();
  const lang: "de" | "en" = i18n.language.startsWith("de") ? "de" : "en";
  const builtIn = useMemo(
    () =>
      builtInLabels(
        BUILT_IN_LABEL_GROUPS[entity].map((path) =>
          i18n.getResource(i18n.resolvedLanguage ?? lang, "translation", path),
        ),
      ),
    [entity, i18n, i18n.resolvedLanguage, lang],
  );
  const mark = (field: CustomField): CustomField =>
    clashesWithBuiltIn(field.label[lang], builtIn)
      ? {
          ...field,
          label: { ...field.label, [lang]: t("customFields.marked", { label: field.label[lang] }) },
        }
      : field;
  return { ...query, fields: query.fields.map(mark) };
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
