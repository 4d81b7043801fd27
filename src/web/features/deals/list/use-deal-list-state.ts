import { useColumnChoice } from "@web/components/use-column-choice";
import { useFilterSortState } from "@web/features/records/use-url-list-state";
import { DEAL_COLUMNS, DEFAULT_COLUMNS } from "./deal-columns";
import { DEFAULT_SORT, filterParams, readFilters, readSort, sortParam } from "./deal-list-params";

const COLUMNS_STORAGE_KEY = "leadwerk.deals.columns";
const DEAL_LIST_PARAMS = { readFilters, readSort, filterParams, sortParam, defaultSort: DEFAULT_SORT };

/**
 * Filters and sort live in the URL (a reload or a shared link shows the same list), the column
 * choice in localStorage; like the lead list.
 */
export function useDealListState() {
  const { filters, sort, setFilters, setSort } = useFilterSortState(DEAL_LIST_PARAMS);
  const [columns, setColumns] = useColumnChoice(COLUMNS_STORAGE_KEY, DEAL_COLUMNS, DEFAULT_COLUMNS);
  return { filters, sort, columns, setFilters, setSort, setColumns };
}
