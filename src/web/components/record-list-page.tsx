import { Button, Center, Chip, Group, Loader, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryError } from "@web/components/query-error";
import { SearchBox } from "@web/components/search-box";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { SavedViewsMenu } from "@web/features/saved-views/saved-views-menu";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

export type RecordSortField = "name" | "createdAt";
const SORT_FIELDS: readonly RecordSortField[] = ["name", "createdAt"];

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

export interface RecordListPageProps<T> {
  /** Translated texts of this list. */
  texts: {
    title: string;
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
    direction: (field: RecordSortField) => "ascending" | "descending" | null;
    onSort: (field: RecordSortField) => void;
    selection: RowSelection;
  }) => ReactNode;
  createModal: (props: { opened: boolean; onClose: () => void }) => ReactNode;
  /** Saved views of this list (entity name of the saved-views API). */
  viewEntity?: "contact" | "company";
  /** Extra header buttons (export, import), given the current query. */
  actions?: (query: RecordListQuery) => ReactNode;
  /** The bar shown while rows are selected. */
  bulkBar?: (ids: string[], clear: () => void) => ReactNode;
}

export type RecordListQuery = {
  q: string | undefined;
  sort: string;
  mine?: "true" | undefined;
};

/** Which rows are ticked for bulk work. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Ticks all given rows, or unticks them when all are ticked already. */
  toggleAll: (ids: string[]) => void;
}

/**
 * A searchable, sortable record list with keyset "load more", empty states and a create dialog;
 * the contacts and companies lists are this page with their own table and dialog.
 */
export function RecordListPage<T extends { id: string }>({
  texts,
  icon,
  useList,
  table,
  createModal,
  viewEntity,
  actions,
  bulkBar,
}: RecordListPageProps<T>) {
  const { t } = useTranslation();
  const params = useSearchSortParams(SORT_FIELDS, { field: "createdAt", descending: true });
  const [urlParams, setUrlParams] = useSearchParams();
  const mine = urlParams.get("mine") === "true";
  const { q, sort } = params;
  const query = useMemo<RecordListQuery>(
    () => ({ q: q || undefined, sort: sortParam(sort), ...(mine ? { mine: "true" as const } : {}) }),
    [q, sort, mine],
  );
  const list = useList(query);
  const [createOpened, create] = useDisclosure(false);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
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
        <Group>
          <SearchBox
            label={texts.searchLabel}
            placeholder={texts.searchPlaceholder}
            value={q}
            onSearch={params.setQ}
          />
          <Chip checked={mine} onChange={(on) => setFilter("mine", on ? "true" : null)} variant="light">
            {t("recordList.mine")}
          </Chip>
          {viewEntity && (
            <SavedViewsMenu
              entity={viewEntity}
              current={{
                filters: { ...(q ? { q } : {}), ...(mine ? { mine: "true" } : {}) },
                sort: query.sort,
              }}
              onApply={(view) =>
                setUrlParams(
                  () => {
                    const next = new URLSearchParams();
                    for (const [key, value] of Object.entries(view.filters))
                      if (typeof value === "string" && (key === "q" || key === "mine")) next.set(key, value);
                    if (view.sort) next.set("sort", view.sort);
                    return next;
                  },
                  { replace: true },
                )
              }
            />
          )}
        </Group>
        {bulkBar && visibleSelected.length > 0 && bulkBar(visibleSelected, () => setSelected(new Set()))}
        {list.isPending && (
          <Center py="xl">
            <Loader aria-label={t("app.loading")} />
          </Center>
        )}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && rows.length === 0 && (
          <ListEmptyState
            filtered={q !== "" || mine}
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
              direction: params.direction,
              onSort: (field) => params.setSort(params.toggle(field, field === "name")),
              selection,
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
    </>
  );
}
