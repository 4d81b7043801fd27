import { useColumnChoice } from "@web/components/use-column-choice";
import { useFilterSortState } from "@web/features/records/use-url-list-state";
import { DEFAULT_COLUMNS, LEAD_COLUMNS, type LeadColumn } from "./lead-columns";
import { DEFAULT_SORT, filterParams, readFilters, readSort, sortParam } from "./lead-list-params";

const COLUMNS_STORAGE_KEY = "leadwerk.leads.columns";
const LEAD_LIST_PARAMS = { readFilters, readSort, filterParams, sortParam, defaultSort: DEFAULT_SORT };

/**
 * Filters and sort live in the URL, so a reload or a shared link shows the same list; the column
 * choice is personal and stays in localStorage (and in saved views).
 */
export function useLeadListState() {
  const { replaceAll, ...state } = useFilterSortState(LEAD_LIST_PARAMS);
  const [columns, setColumns] = useColumnChoice(COLUMNS_STORAGE_KEY, LEAD_COLUMNS, DEFAULT_COLUMNS);

  return {
    ...state,
    columns,
    setColumns: (next: readonly LeadColumn[]) => setColumns(next),
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
      replaceAll(read, view.sort);
      if (view.columns) setColumns(view.columns);
    },
  };
}
