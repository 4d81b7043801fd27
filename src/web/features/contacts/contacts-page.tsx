import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAddressBook, IconDownload, IconFileImport } from "@tabler/icons-react";
import { RecordListPage } from "@web/components/record-list-page";
import { useTranslation } from "react-i18next";
import { ContactCreateModal } from "./contact-create-modal";
import { contactsApi } from "./contacts-api";
import { ContactsTable } from "./contacts-table";
import { CONTACT_COLUMNS, DEFAULT_CONTACT_COLUMNS } from "./list/contact-columns";
import { RecordBulkBar } from "./list/record-bulk-bar";
import { VcardImportModal } from "./list/vcard-import-modal";
import { contactKeys, useContactList } from "./use-contacts";

export function ContactsPage() {
  const { t } = useTranslation();
  const [importOpened, importModal] = useDisclosure(false);
  return (
    <>
      <RecordListPage
        texts={{
          title: t("contacts.title"),
          filterTitle: t("contacts.list.filterTitle"),
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
        viewEntity="contact"
        actions={(query) => (
          <>
            <Button
              variant="default"
              leftSection={<IconFileImport size={16} aria-hidden />}
              onClick={importModal.open}
            >
              {t("contacts.vcard.import")}
            </Button>
            <Button
              variant="default"
              component="a"
              href={contactsApi.exportUrl(query)}
              download
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t("recordList.exportCsv")}
            </Button>
          </>
        )}
        bulkBar={(ids, clear) => (
          <RecordBulkBar ids={ids} listKey={contactKeys.lists} send={contactsApi.bulk} onClear={clear} />
        )}
        columns={{
          all: CONTACT_COLUMNS,
          defaults: DEFAULT_CONTACT_COLUMNS,
          label: (column) => t(`contacts.fields.${column}`),
          storageKey: "leadwerk.contacts.columns",
        }}
        table={({ rows, ...rest }) => <ContactsTable contacts={rows} {...rest} />}
        createModal={(props) => <ContactCreateModal {...props} />}
      />
      <VcardImportModal opened={importOpened} onClose={importModal.close} />
    </>
  );
}
