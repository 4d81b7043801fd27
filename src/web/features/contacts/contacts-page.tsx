import { Button, Center, Group, Loader, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAddressBook, IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryError } from "@web/components/query-error";
import { SearchBox } from "@web/components/search-box";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ContactCreateModal } from "./contact-create-modal";
import { type ContactSortField, ContactsTable } from "./contacts-table";
import { useContactList } from "./use-contacts";

const SORT_FIELDS: readonly ContactSortField[] = ["name", "createdAt"];

export function ContactsPage() {
  const { t } = useTranslation();
  const params = useSearchSortParams(SORT_FIELDS, { field: "createdAt", descending: true });
  const { q, sort } = params;
  const query = useMemo(() => ({ q: q || undefined, sort: sortParam(sort) }), [q, sort]);
  const list = useContactList(query);
  const [createOpened, createModal] = useDisclosure(false);
  const contacts = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);

  return (
    <>
      <PageHeader
        title={t("contacts.title")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
            {t("contacts.new")}
          </Button>
        }
      />
      <Stack gap="sm">
        <Group>
          <SearchBox
            label={t("contacts.list.searchLabel")}
            placeholder={t("contacts.list.searchPlaceholder")}
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
        {list.isSuccess && contacts.length === 0 && (
          <ListEmptyState
            filtered={q !== ""}
            icon={<IconAddressBook aria-hidden />}
            title={t("contacts.list.emptyTitle")}
            text={t("contacts.list.emptyText")}
            createLabel={t("contacts.new")}
            onCreate={createModal.open}
            noMatch={t("contacts.list.noMatch")}
            resetLabel={t("common.resetSearch")}
            onReset={() => params.setQ("")}
          />
        )}
        {contacts.length > 0 && (
          <>
            <ContactsTable
              contacts={contacts}
              direction={params.direction}
              onSort={(field) => params.setSort(params.toggle(field, field === "name"))}
            />
            <ListFooter
              shown={t("contacts.list.shown", { count: contacts.length })}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      <ContactCreateModal opened={createOpened} onClose={createModal.close} />
    </>
  );
}
