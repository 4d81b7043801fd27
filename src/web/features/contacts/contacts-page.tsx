import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAddressBook, IconFileImport } from "@tabler/icons-react";
import { RecordListPage } from "@web/features/records/record-list-page";
import { useRecordListTexts } from "@web/features/records/use-record-list-texts";
import { useTranslation } from "react-i18next";
import { ContactCreateModal } from "./contact-create-modal";
import { contactDisplayName, contactsApi } from "./contacts-api";
import { CONTACT_CELLS } from "./list/contact-cells";
import { CONTACT_COLUMNS, DEFAULT_CONTACT_COLUMNS } from "./list/contact-columns";
import { VcardImportModal } from "./list/vcard-import-modal";
import { contactKeys, useContactList } from "./use-contacts";

export function ContactsPage() {
  const { t } = useTranslation();
  const texts = useRecordListTexts("contacts");
  const [importOpened, importModal] = useDisclosure(false);
  return (
    <>
      <RecordListPage
        texts={texts}
        icon={<IconAddressBook aria-hidden />}
        useList={useContactList}
        entity="contact"
        api={contactsApi}
        listKey={contactKeys.lists}
        actions={
          <Button
            variant="default"
            leftSection={<IconFileImport size={16} aria-hidden />}
            onClick={importModal.open}
          >
            {t("contacts.vcard.import")}
          </Button>
        }
        exportList="contacts"
        columns={{
          all: CONTACT_COLUMNS,
          defaults: DEFAULT_CONTACT_COLUMNS,
          label: (column) => t(`contacts.fields.${column}`),
          storageKey: "leadwerk.contacts.columns",
        }}
        table={{
          cells: CONTACT_CELLS,
          name: contactDisplayName,
          href: (contact) => `/contacts/${contact.id}`,
          avatar: "person",
        }}
        createModal={(props) => <ContactCreateModal {...props} />}
      />
      <VcardImportModal opened={importOpened} onClose={importModal.close} />
    </>
  );
}
