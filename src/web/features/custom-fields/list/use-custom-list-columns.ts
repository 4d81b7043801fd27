import { useLocalStorage } from "@mantine/hooks";
import { useColumnChoice } from "@web/components/use-column-choice";
import { useTranslation } from "react-i18next";
import { customFieldColumn, customFieldKeyOfColumn } from "../custom-field-list-filters";
import type { CustomField, CustomFieldEntity } from "../custom-fields-api";
import { useCustomFields } from "../use-custom-fields";

/** The custom field column ids (`cf.<key>`) among a column choice; junk of old storage is dropped. */
export const customColumnsOf = (values: readonly unknown[]): string[] =>
  values.filter((v): v is string => typeof v === "string" && customFieldKeyOfColumn(v) !== null);

/** A column chooser's entries: the list's own columns, then the entity's custom fields. */
export interface ChooserColumn {
  id: string;
  label: string;
}

/**
 * The custom field columns a user shows in one list (leads, contacts, companies, deals; issue #20
 * point 1): personal like the list's own column choice, so kept in localStorage under the list's
 * key and saved in views after the list's own columns.
 */
export function useCustomListColumns(entity: CustomFieldEntity, storageKey: string) {
  const { i18n } = useTranslation();
  const lang: "de" | "en" = i18n.language.startsWith("de") ? "de" : "en";
  const fields = useCustomFields(entity).fields;
  const [stored, setStored] = useLocalStorage<string[]>({
    key: storageKey,
    defaultValue: [],
    getInitialValueInEffect: false,
  });
  const columns = customColumnsOf(stored);
  const shown: CustomField[] = fields.filter((f) => columns.includes(customFieldColumn(f.key)));
  return {
    /** The entity's live fields (the filter drawer offers the filterable ones). */
    fields,
    lang,
    /** Chosen column ids, as saved views store them. */
    columns,
    /** The chosen fields that still exist, in form order. */
    shown,
    setColumns: (next: readonly unknown[]) => setStored(customColumnsOf(next)),
    /** The column chooser's entries after the list's own. */
    chooserColumns: (own: readonly ChooserColumn[]): ChooserColumn[] => [
      ...own,
      // A field named like one of the list's own columns (a company's "Branche") shows its key too.
      ...fields.map((f) => ({
        id: customFieldColumn(f.key),
        label: own.some((c) => c.label === f.label[lang]) ? `${f.label[lang]} (${f.key})` : f.label[lang],
      })),
    ],
  };
}

/** One list's custom field columns and their choice (see useCustomListColumns). */
export type CustomListColumns = ReturnType<typeof useCustomListColumns>;

interface ListColumnSetup<C extends string> {
  /** The list's own optional columns, those shown at first, and where the choice is kept. */
  all: readonly C[];
  defaults: readonly C[];
  storageKey: string;
  /** The record kind whose custom fields are offered too, and where their choice is kept. */
  entity: CustomFieldEntity;
  customStorageKey: string;
}

/**
 * A list's whole column choice: its own optional columns and its custom fields, both personal
 * (localStorage) and kept together in a saved view's `columns`.
 */
export function useListColumnChoice<C extends string>(setup: ListColumnSetup<C>) {
  const [columns, setColumns] = useColumnChoice(setup.storageKey, setup.all, setup.defaults);
  const custom = useCustomListColumns(setup.entity, setup.customStorageKey);
  return {
    columns,
    setColumns: (next: readonly C[]) => setColumns(next),
    custom,
    /** Everything shown, as a saved view and the export take it. */
    allShown: [...columns, ...custom.columns],
    /** Applies a saved view's columns, when it has them. */
    applyColumns: (view: readonly string[] | null | undefined) => {
      if (!view) return;
      setColumns(view);
      custom.setColumns(customColumnsOf(view));
    },
  };
}
