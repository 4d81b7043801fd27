import { IconAddressBook } from "@tabler/icons-react";
import { RecordListPage } from "@web/components/record-list-page";
import { useTranslation } from "react-i18next";
import { ContactCreateModal } from "./contact-create-modal";
import { ContactsTable } from "./contacts-table";
import { useContactList } from "./use-contacts";

export function ContactsPage() {
  const { t } = useTranslation();
  return (
    <RecordListPage
      texts={{
        title: t("contacts.title"),
        create: t("contacts.new"),
        searchLabel: t("contacts.list.searchLabel"),
        searchPlaceholder: t("contacts.list.searchPlaceholder"),
        emptyTitle: t("contacts.list.emptyTitle"),
        emptyText: t("contacts.list.emptyText"),
        noMatch: t("contacts.list.noMatch"),
        shown: (count) => t("contacts.list.shown", { count }),
      }}
      icon={<IconAddressBook aria-hidden />}
      useList={useContactList}
      table={({ rows, direction, onSort }) => (
        <ContactsTable contacts={rows} direction={direction} onSort={onSort} />
      )}
      createModal={(props) => <ContactCreateModal {...props} />}
    />
  );
}
