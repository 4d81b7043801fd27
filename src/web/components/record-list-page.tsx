import { Button, Center, Group, Loader, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryError } from "@web/components/query-error";
import { FilterPills } from "@web/components/record-filters/filter-pills";
import { RecordFilterDrawer } from "@web/components/record-filters/record-filter-drawer";
import {
  EMPTY_RECORD_FILTERS,
  recordFilterCount,
  recordFilterParams,
  recordFilterQuery,
} from "@web/components/record-filters/record-filters";
import {
  useRecordFilterParams,
  viewSearchParams,
} from "@web/components/record-filters/use-record-filter-params";
import { useRecordFilterPills } from "@web/components/record-filters/use-record-filter-pills";
import { RecordListToolbar } from "@web/components/record-list-toolbar";
import { useColumnChoice } from "@web/components/use-column-choice";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

export type RecordSortField = "name" | "createdAt" | "updatedAt";
const SORT_FIELDS: readonly RecordSortField[] = ["name", "createdAt", "updatedAt"];

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
  texts: {
    title: string;
    filterTitle: string;
    create: string;
    searchLabel: string;
    searchPlaceholder: string;
    emptyTitle: string;
    emptyText: string;
    noMatch: string;
    shown: (count: number) => string;
  };
  icon: ReactNode;
  /** The list's query hook; called on every render, so pass a stable function. */
  useList: (query: RecordListQuery) => InfiniteList<T>;
  table: (props: {
    rows: T[];
    /** The optional columns to show, in display order. */
    columns: readonly C[];
    direction: (field: RecordSortField) => "ascending" | "descending" | null;
    onSort: (field: RecordSortField) => void;
    selection: RowSelection;
    /** A user's name for an owner column; null for none. */
    ownerName: (ownerId: string | null) => string | null;
  }) => ReactNode;
  /** The optional columns (the name is always shown), those shown at first, and where the choice is kept. */
  columns: {
    all: readonly C[];
    defaults: readonly C[];
    label: (column: C) => string;
    storageKey: string;
  };
  createModal: (props: { opened: boolean; onClose: () => void }) => ReactNode;
  /** Saved views of this list (entity name of the saved-views API). */
  viewEntity?: "contact" | "company";
  /** Extra header buttons (export, import), given the current query. */
  actions?: (query: RecordListQuery) => ReactNode;
  /** The bar shown while rows are selected. */
  bulkBar?: (ids: string[], clear: () => void) => ReactNode;
}

/** GET query of the list and its CSV export: search, sort, "Mine" and the drawer's filters. */
export type RecordListQuery = Record<string, string | undefined> & {
  q: string | undefined;
  sort: string;
};

/** Which rows are ticked for bulk work. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Ticks all given rows, or unticks them when all are ticked already. */
  toggleAll: (ids: string[]) => void;
}

/**
 * A searchable, sortable, filterable record list with keyset "load more", saved views, a column
 * chooser, empty states and a create dialog; the contacts and companies lists are this page with
 * their own table and dialog. Search, sort and filters live in the URL; the column choice is personal
 * (localStorage and saved views).
 */
export function RecordListPage<T extends { id: string; tags: string[] }, C extends string>({
  texts,
  icon,
  useList,
  table,
  columns: columnSetup,
  createModal,
  viewEntity,
  actions,
  bulkBar,
}: RecordListPageProps<T, C>) {
  const { t } = useTranslation();
  const params = useSearchSortParams(SORT_FIELDS, { field: "createdAt", descending: true });
  const [urlParams, setUrlParams] = useSearchParams();
  const { filters, setFilters } = useRecordFilterParams();
  const [columns, setColumns] = useColumnChoice(
    columnSetup.storageKey,
    columnSetup.all,
    columnSetup.defaults,
  );
  const owners = useOwnerOptions();
  const mine = urlParams.get("mine") === "true";
  const { q, sort } = params;
  const query = useMemo<RecordListQuery>(
    () => ({
      q: q || undefined,
      sort: sortParam(sort),
      ...(mine ? { mine: "true" } : {}),
      ...recordFilterQuery(filters),
    }),
    [q, sort, mine, filters],
  );
  const list = useList(query);
  const [createOpened, create] = useDisclosure(false);
  const [filtersOpened, filterDrawer] = useDisclosure(false);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const knownTags = useMemo(() => [...new Set(rows.flatMap((row) => row.tags))].sort(), [rows]);
  const ownerName = (ownerId: string | null) =>
    ownerId === null ? null : (owners.names.get(ownerId) ?? t("recordList.otherOwner"));
  const pills = useRecordFilterPills(filters, setFilters, (id) => ownerName(id) ?? "…");
  const filterCount = recordFilterCount(filters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selection: RowSelection = {
    selected,
    toggle: (id) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    toggleAll: (ids) =>
      setSelected((current) => (ids.every((id) => current.has(id)) ? new Set() : new Set(ids))),
  };
  const setFilter = (key: string, value: string | null) =>
    setUrlParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const visibleSelected = rows.filter((row) => selected.has(row.id)).map((row) => row.id);

  return (
    <>
      <PageHeader
        title={texts.title}
        actions={
          <Group gap="xs">
            {actions?.(query)}
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
              {texts.create}
            </Button>
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
          onMine={(on) => setFilter("mine", on ? "true" : null)}
          filterCount={filterCount}
          onOpenFilters={filterDrawer.open}
          views={
            viewEntity && {
              entity: viewEntity,
              current: {
                filters: {
                  ...(q ? { q } : {}),
                  ...(mine ? { mine: "true" } : {}),
                  ...recordFilterParams(filters),
                },
                sort: query.sort,
                columns: [...columns],
              },
              onApply: (view) => {
                setUrlParams(viewSearchParams(view), { replace: true });
                if (view.columns) setColumns(view.columns);
              },
            }
          }
          columns={{
            all: columnSetup.all.map((id) => ({ id, label: columnSetup.label(id) })),
            visible: columns,
            onChange: setColumns,
          }}
        />
        <FilterPills pills={pills} onReset={() => setFilters(EMPTY_RECORD_FILTERS)} />
        {bulkBar && visibleSelected.length > 0 && bulkBar(visibleSelected, () => setSelected(new Set()))}
        {list.isPending && (
          <Center py="xl">
            <Loader aria-label={t("app.loading")} />
          </Center>
        )}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && rows.length === 0 && (
          <ListEmptyState
            filtered={q !== "" || mine || filterCount > 0}
            icon={icon}
            title={texts.emptyTitle}
            text={texts.emptyText}
            createLabel={texts.create}
            onCreate={create.open}
            noMatch={texts.noMatch}
            resetLabel={t("common.resetSearch")}
            onReset={() => setUrlParams(new URLSearchParams(), { replace: true })}
          />
        )}
        {rows.length > 0 && (
          <>
            {table({
              rows,
              columns,
              direction: params.direction,
              onSort: (field) => params.setSort(params.toggle(field, field === "name")),
              selection,
              ownerName,
            })}
            <ListFooter
              shown={texts.shown(rows.length)}
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
      />
    </>
  );
}
