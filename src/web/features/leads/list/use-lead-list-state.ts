import { useLocalStorage } from "@mantine/hooks";
import { useColumnChoice } from "@web/components/use-column-choice";
import { customFieldKeyOfColumn } from "@web/features/custom-fields/custom-field-list-filters";
import { useFilterSortState } from "@web/features/records/use-url-list-state";
import { DEFAULT_COLUMNS, LEAD_COLUMNS, type LeadColumn } from "./lead-columns";
import { DEFAULT_SORT, filterParams, readFilters, readSort, sortParam } from "./lead-list-params";

const COLUMNS_STORAGE_KEY = "leadwerk.leads.columns";
const CUSTOM_COLUMNS_STORAGE_KEY = "leadwerk.leads.customColumns";
const customColumnsOf = (values: readonly unknown[]) =>
  values.filter((v): v is string => typeof v === "string" && customFieldKeyOfColumn(v) !== null);
const LEAD_LIST_PARAMS = { readFilters, readSort, filterParams, sortParam, defaultSort: DEFAULT_SORT };

/**
 * Filters and sort live in the URL, so a reload or a shared link shows the same list; the column
 * choice is personal and stays in localStorage (and in saved views).
 */
export function useLeadListState() {
  const { replaceAll, ...state } = useFilterSortState(LEAD_LIST_PARAMS);
  const [columns, setColumns] = useColumnChoice(COLUMNS_STORAGE_KEY, LEAD_COLUMNS, DEFAULT_COLUMNS);
  // Custom field columns (`cf.<key>`), after the lead's own; saved views keep both in one list.
  const [customColumns, setCustomColumns] = useLocalStorage<string[]>({
    key: CUSTOM_COLUMNS_STORAGE_KEY,
    defaultValue: [],
    getInitialValueInEffect: false,
  });

  return {
    ...state,
    columns,
    setColumns: (next: readonly LeadColumn[]) => setColumns(next),
    customColumns: customColumnsOf(customColumns),
    setCustomColumns: (next: readonly string[]) => setCustomColumns(customColumnsOf(next)),
    /** Applies a saved view: its filters, sort and (if it has them) columns. */
    applyView: (view: {
      filters: Record<string, unknown>;
      sort: string | null;
      columns: string[] | null;
    }) => {
      const read = (key: string) => {
        const value = view.filters[key];
        if (Array.isArray(value)) return value.join(",");
        return value === undefined || value === null ? null : String(value);
      };
      replaceAll(Object.assign(read, { keys: () => Object.keys(view.filters) }), view.sort);
      if (view.columns) {
        setColumns(view.columns);
        setCustomColumns(customColumnsOf(view.columns));
      }
    },
  };
}
