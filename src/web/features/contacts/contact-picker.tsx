import { RecordPicker, type RecordPickerProps } from "@web/features/records/record-picker";
import { useTranslation } from "react-i18next";
import { type Contact, contactDisplayName } from "./contacts-api";
import { useContact, useContactSearch } from "./use-contacts";

const optionLabel = (contact: Contact) =>
  contact.companyName
    ? `${contactDisplayName(contact)} (${contact.companyName})`
    : contactDisplayName(contact);

/** Picks an existing contact by searching GET /contacts?q= as the user types. */
export function ContactPicker(props: Omit<RecordPickerProps<Contact>, "description">) {
  const { t } = useTranslation();
  return (
    <RecordPicker
      {...props}
      placeholder={t("contacts.picker.placeholder")}
      nothingFound={t("contacts.picker.nothingFound")}
      useSearch={useContactSearch}
      useRecord={useContact}
      optionLabel={optionLabel}
    />
  );
}
