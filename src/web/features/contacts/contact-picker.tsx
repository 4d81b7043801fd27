import { useDebouncedValue } from "@mantine/hooks";
import { SearchSelect } from "@web/components/search-select";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Contact, contactDisplayName } from "./contacts-api";
import { useContact, useContactSearch } from "./use-contacts";

interface ContactPickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null, contact: Contact | null) => void;
  error?: ReactNode;
}

const optionLabel = (contact: Contact) =>
  contact.companyName
    ? `${contactDisplayName(contact)} (${contact.companyName})`
    : contactDisplayName(contact);

/** Picks an existing contact by searching GET /contacts?q= as the user types. */
export function ContactPicker({ label, value, onChange, error }: ContactPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const found = useContactSearch(debounced);
  const current = useContact(value);
  const contacts = useMemo(() => {
    const list = found.data ?? [];
    const chosen = current.data;
    return chosen && !list.some((c) => c.id === chosen.id) ? [chosen, ...list] : list;
  }, [found.data, current.data]);

  return (
    <SearchSelect
      label={label}
      placeholder={t("contacts.picker.placeholder")}
      nothingFound={t("contacts.picker.nothingFound")}
      options={contacts.map((contact) => ({ value: contact.id, label: optionLabel(contact) }))}
      loading={found.isFetching}
      value={value}
      onChange={(id) => onChange(id, contacts.find((c) => c.id === id) ?? null)}
      search={search}
      onSearchChange={setSearch}
      error={error}
    />
  );
}
