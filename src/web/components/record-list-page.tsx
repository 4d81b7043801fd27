import { Button, Center, Group, Loader, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryError } from "@web/components/query-error";
import { SearchBox } from "@web/components/search-box";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";

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
  useList: (query: { q: string | undefined; sort: string }) => InfiniteList<T>;
  table: (props: {
    rows: T[];
    direction: (field: RecordSortField) => "ascending" | "descending" | null;
    onSort: (field: RecordSortField) => void;
  }) => ReactNode;
  createModal: (props: { opened: boolean; onClose: () => void }) => ReactNode;
}

/**
 * A searchable, sortable record list with keyset "load more", empty states and a create dialog;
 * the contacts and companies lists are this page with their own table and dialog.
 */
export function RecordListPage<T>({ texts, icon, useList, table, createModal }: RecordListPageProps<T>) {
  const { t } = useTranslation();
  const params = useSearchSortParams(SORT_FIELDS, { field: "createdAt", descending: true });
  const { q, sort } = params;
  const query = useMemo(() => ({ q: q || undefined, sort: sortParam(sort) }), [q, sort]);
  const list = useList(query);
  const [createOpened, create] = useDisclosure(false);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);

  return (
    <>
      <PageHeader
        title={texts.title}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            {texts.create}
          </Button>
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
        </Group>
        {list.isPending && (
          <Center py="xl">
            <Loader aria-label={t("app.loading")} />
          </Center>
        )}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && rows.length === 0 && (
          <ListEmptyState
            filtered={q !== ""}
            icon={icon}
            title={texts.emptyTitle}
            text={texts.emptyText}
            createLabel={texts.create}
            onCreate={create.open}
            noMatch={texts.noMatch}
            resetLabel={t("common.resetSearch")}
            onReset={() => params.setQ("")}
          />
        )}
        {rows.length > 0 && (
          <>
            {table({
              rows,
              direction: params.direction,
              onSort: (field) => params.setSort(params.toggle(field, field === "name")),
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
