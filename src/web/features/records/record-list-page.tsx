import { Button, Group, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ExportableList } from "@shared/schemas/export";
import { IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useSearchParamsUpdate } from "@web/components/use-search-params-update";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { customFilterCount, isCustomFieldSort } from "@web/features/custom-fields/custom-field-list-filters";
import { CustomColumnChooser } from "@web/features/custom-fields/list/custom-column-chooser";
import type { CustomFieldSort } from "@web/features/custom-fields/list/custom-field-column";
import { useCustomFilterParams } from "@web/features/custom-fields/list/use-custom-filter-params";
import { useListColumnChoice } from "@web/features/custom-fields/list/use-custom-list-columns";
import { ENTITY_OF_LIST, ExportMenu } from "@web/features/exports/export-menu";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { FilterPills } from "@web/features/records/filters/filter-pills";
import { RecordFilterDrawer } from "@web/features/records/filters/record-filter-drawer";
import {
  recordFilterCount,
  recordFilterParams,
  recordFilterQuery,
} from "@web/features/records/filters/record-filters";
import {
  useRecordFilterParams,
  viewSearchParams,
} from "@web/features/records/filters/use-record-filter-params";
import { useRecordFilterPills } from "@web/features/records/filters/use-record-filter-pills";
import type { RecordApi, RecordTypes } from "@web/features/records/record-api";
import { RecordBulkBar } from "@web/features/records/record-bulk-bar";
import type { RecordSortField } from "@web/features/records/record-cells";
import { RecordListToolbar } from "@web/features/records/record-list-toolbar";
import { RecordTable, type RecordTableSetup } from "@web/features/records/record-table";
import { useListCount } from "@web/features/records/use-list-count";
import type { RecordListTexts } from "@web/features/records/use-record-list-texts";
import { useRowSelection } from "@web/features/records/use-row-selection";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";

/** What "reset filters" leaves in the URL: the search, "Mine" and the sort are not the drawer's. */
const KEPT_ON_RESET: readonly string[] = ["q", "mine", "sort"];
const SORT_FIELDS: readonly (RecordSortField | CustomFieldSort)[] = ["name", "createdAt", "updatedAt"];

/** What the page needs of a TanStack infinite query over keyset pages. */
interface InfiniteList<T> {
  data?: { pages: { data: T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch(): Promise<unknown>;
  fetchNextPage(): Promise<unknown>;
}

export interface RecordListPageProps<T, C extends string> {
  /** Translated texts of this list. */
  texts: RecordListTexts;
  icon: ReactNode;
  /** The list's query hook; called on every render, so pass a stable function. */
  useList: (query: RecordListQuery) => InfiniteList<T>;
  /** The table's cells, and each row's name and link. */
  table: RecordTableSetup<T, C>;
  /**
   * The optional columns (the name is always shown), those shown at first, where the choice is kept,
   * and the header text of each (and of the name).
   */
  columns: {
    all: readonly C[];
    defaults: readonly C[];
    label: (column: C | "name") => string;
    storageKey: string;
  };
  createModal: (props: { opened: boolean; onClose: () => void }) => ReactNode;
  /** The record kind: its saved views and custom fields (columns, filters, sorts). */
  entity: "contact" | "company";
  /** The list's name in export URLs (`/contacts/export.csv`) and its count endpoint. */
  exportList: ExportableList & ("contacts" | "companies");
  /** The record API's CSV export and bulk calls, and the lists' query key to refresh after bulk work. */
  api: Pick<RecordApi<RecordTypes>, "bulk">;
  listKey: readonly string[];
  /** Extra header buttons before the CSV export (an import). */
  actions?: ReactNode;
}

/** GET query of the list and its CSV export: search, sort, "Mine" and the drawer's filters. */
export type RecordListQuery = Record<string, string | undefined> & {
  q: string | undefined;
  sort: string;
};

/**
 * A searchable, sortable, filterable record list with keyset "load more", saved views, a column
 * chooser, empty states and a create dialog; the contacts and companies lists are this page with
 * their own cells and dialog. Search, sort and filters live in the URL; the column choice is personal
 * (localStorage and saved views).
 */
export function RecordListPage<
  T extends { id: string; tags: string[]; customFields?: Readonly<Record<string, unknown>> | undefined },
  C extends string,
>({
  texts,
  icon,
  useList,
  table,
  columns: columnSetup,
  createModal,
  entity,
  exportList,
  api,
  listKey,
  actions,
}: RecordListPageProps<T, C>) {
  const { t } = useTranslation();
  const countOf = exportList;
  const params = useSearchSortParams(
    SORT_FIELDS,
    { field: "createdAt", descending: true },
    isCustomFieldSort,
  );
  const [urlParams, updateUrl] = useSearchParamsUpdate();
  const { filters, setFilters } = useRecordFilterParams();
  const { cf, setCf } = useCustomFilterParams();
  const { columns, setColumns, custom, allShown, applyColumns } = useListColumnChoice({
    all: columnSetup.all,
    defaults: columnSetup.defaults,
    storageKey: columnSetup.storageKey,
    entity,
    customStorageKey: `leadwerk.${exportList}.customColumns`,
  });
  const owners = useOwnerOptions();
  const mine = urlParams.get("mine") === "true";
  const { q, sort } = params;
  const query = useMemo<RecordListQuery>(
    () => ({
      q: q || undefined,
      sort: sortParam(sort),
      ...(mine ? { mine: "true" } : {}),
      ...recordFilterQuery(filters),
      ...cf,
    }),
    [q, sort, mine, filters, cf],
  );
  const list = useList(query);
  const total = useListCount(countOf, query);
  const [createOpened, create] = useDisclosure(false);
  const [filtersOpened, filterDrawer] = useDisclosure(false);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const knownTags = useMemo(() => [...new Set(rows.flatMap((row) => row.tags))].sort(), [rows]);
  const ownerName = (ownerId: string | null) =>
    ownerId === null ? null : (owners.names.get(ownerId) ?? t("recordList.otherOwner"));
  const pills = useRecordFilterPills(filters, setFilters, (id) => ownerName(id) ?? "…");
  const filterCount = recordFilterCount(filters) + customFilterCount(cf);
  // One change of the URL: two in a row would each start from the same URL and the last would win.
  const resetFilters = () =>
    updateUrl((next) => {
      for (const key of [...next.keys()]) if (!KEPT_ON_RESET.includes(key)) next.delete(key);
    });
  const selection = useRowSelection();
  const visibleSelected = rows.filter((row) => selection.selected.has(row.id)).map((row) => row.id);

  // The permission matrix's Create right (Settings → Permissions): no New button without it.
  const rights = useCurrentUser().permissions[ENTITY_OF_LIST[exportList]];
  const mayCreate = rights.create;
  return (
    <>
      <PageHeader
        title={texts.title}
        actions={
          <Group gap="xs">
            {actions}
            <ExportMenu
              list={exportList}
              query={{ ...query }}
              columns={allShown}
              selected={visibleSelected}
            />
            {mayCreate && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {texts.create}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="sm">
        <RecordListToolbar
          searchLabel={texts.searchLabel}
          searchPlaceholder={texts.searchPlaceholder}
          q={q}
          onSearch={params.setQ}
          mine={mine}
          onMine={(on) => params.setParam("mine", on ? "true" : null)}
          filterCount={filterCount}
          onOpenFilters={filterDrawer.open}
          views={{
            entity,
            current: {
              filters: {
                ...(q ? { q } : {}),
                ...(mine ? { mine: "true" } : {}),
                ...recordFilterParams(filters),
                ...cf,
              },
              sort: query.sort,
              columns: allShown,
            },
            onApply: (view) => {
              updateUrl((next) => {
                for (const key of [...next.keys()]) next.delete(key);
                for (const [key, value] of viewSearchParams(view)) next.set(key, value);
              });
              applyColumns(view.columns);
            },
          }}
          columnChooser={
            <CustomColumnChooser
              label={t("recordList.columns")}
              own={columnSetup.all.map((id) => ({ id, label: columnSetup.label(id) }))}
              visible={columns}
              onChange={setColumns}
              custom={custom}
            />
          }
        />
        <FilterPills pills={pills} onReset={resetFilters} />
        {visibleSelected.length > 0 && (
          <RecordBulkBar
            ids={visibleSelected}
            listKey={listKey}
            send={api.bulk}
            onClear={selection.clear}
            rights={rights}
          />
        )}
        <QueryStates
          query={list}
          isEmpty={rows.length === 0}
          empty={
            <ListEmptyState
              filtered={q !== "" || mine || filterCount > 0}
              icon={icon}
              title={texts.emptyTitle}
              text={texts.emptyText}
              createLabel={texts.create}
              onCreate={mayCreate ? create.open : undefined}
              noMatch={texts.noMatch}
              resetLabel={t("common.resetSearch")}
              onReset={() =>
                updateUrl((next) => {
                  for (const key of [...next.keys()]) next.delete(key);
                })
              }
            />
          }
        />
        {rows.length > 0 && (
          <>
            <RecordTable
              {...table}
              rows={rows}
              columns={columns}
              custom={{ fields: custom.shown, lang: custom.lang }}
              label={columnSetup.label}
              direction={params.direction}
              onSort={(field, ascendingFirst) => params.setSort(params.toggle(field, ascendingFirst))}
              selection={selection}
              ownerName={ownerName}
            />
            <ListFooter
              shown={texts.shown(rows.length)}
              rows={rows.length}
              total={total.data}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      {createModal({ opened: createOpened, onClose: create.close })}
      <RecordFilterDrawer
        title={texts.filterTitle}
        opened={filtersOpened}
        onClose={filterDrawer.close}
        filters={filters}
        onChange={setFilters}
        knownTags={knownTags}
        onReset={resetFilters}
        custom={{ fields: custom.fields, value: cf, onChange: setCf }}
      />
    </>
  );
}
