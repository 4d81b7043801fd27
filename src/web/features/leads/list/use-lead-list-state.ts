import { useListColumnChoice } from "@web/features/custom-fields/list/use-custom-list-columns";
import {
  type SavedViewState,
  useFilterSortState,
  viewReader,
} from "@web/features/records/use-url-list-state";
import { DEFAULT_COLUMNS, LEAD_COLUMNS } from "./lead-columns";
import { DEFAULT_SORT, filterParams, readFilters, readSort, sortParam } from "./lead-list-params";

const LEAD_LIST_PARAMS = { readFilters, readSort, filterParams, sortParam, defaultSort: DEFAULT_SORT };
const LEAD_COLUMN_SETUP = {
  all: LEAD_COLUMNS,
  defaults: DEFAULT_COLUMNS,
  storageKey: "leadwerk.leads.columns",
  entity: "lead",
  // Custom field columns (`cf.<key>`), after the lead's own; saved views keep both in one list.
  customStorageKey: "leadwerk.leads.customColumns",
} as const;

/**
 * Filters and sort live in the URL, so a reload or a shared link shows the same list; the column
 * choice is personal and stays in localStorage (and in saved views).
 */
export function useLeadListState() {
  const { replaceAll, ...state } = useFilterSortState(LEAD_LIST_PARAMS);
  const { applyColumns, ...columns } = useListColumnChoice(LEAD_COLUMN_SETUP);
  return {
    ...state,
    ...columns,
    /** Applies a saved view: its filters, sort and (if it has them) columns. */
    applyView: (view: SavedViewState) => {
      replaceAll(viewReader(view.filters), view.sort);
      applyColumns(view.columns);
    },
  };
}
