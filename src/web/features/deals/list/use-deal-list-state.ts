import { useListColumnChoice } from "@web/features/custom-fields/list/use-custom-list-columns";
import {
  type SavedViewState,
  useFilterSortState,
  viewReader,
} from "@web/features/records/use-url-list-state";
import { DEAL_COLUMNS, DEFAULT_COLUMNS } from "./deal-columns";
import { DEFAULT_SORT, filterParams, readFilters, readSort, sortParam } from "./deal-list-params";

const DEAL_LIST_PARAMS = { readFilters, readSort, filterParams, sortParam, defaultSort: DEFAULT_SORT };
const DEAL_COLUMN_SETUP = {
  all: DEAL_COLUMNS,
  defaults: DEFAULT_COLUMNS,
  storageKey: "leadwerk.deals.columns",
  entity: "deal",
  customStorageKey: "leadwerk.deals.customColumns",
} as const;

/**
 * Filters and sort live in the URL (a reload or a shared link shows the same list), the column
 * choice (the deal's own and its custom fields) in localStorage and saved views; like the lead list.
 */
export function useDealListState() {
  const { filters, sort, setFilters, setSort, replaceAll } = useFilterSortState(DEAL_LIST_PARAMS);
  const { applyColumns, ...columns } = useListColumnChoice(DEAL_COLUMN_SETUP);
  return {
    filters,
    sort,
    setFilters,
    setSort,
    ...columns,
    /** Applies a saved view: its filters, sort and (if it has them) columns. */
    applyView: (view: SavedViewState) => {
      replaceAll(viewReader(view.filters), view.sort);
      applyColumns(view.columns);
    },
  };
}
