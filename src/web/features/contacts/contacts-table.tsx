import { Anchor, Checkbox, Table, Text } from "@mantine/core";
import type { RecordSortField, RowSelection } from "@web/components/record-list-page";
import { SortableTh } from "@web/components/sortable-th";
import { useFormat } from "@web/i18n/use-format";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Contact, contactDisplayName } from "./contacts-api";
import type { ContactColumn } from "./list/contact-columns";

interface ContactsTableProps {
  contacts: Contact[];
  columns: readonly ContactColumn[];
  direction: (field: RecordSortField) => "ascending" | "descending" | null;
  onSort: (field: RecordSortField) => void;
  selection: RowSelection;
  ownerName: (ownerId: string | null) => string | null;
}

/** Columns the server sorts by. */
const SORTABLE: Partial<Record<ContactColumn, RecordSortField>> = {
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};

export function ContactsTable({
  contacts,
  columns,
  direction,
  onSort,
  selection,
  ownerName,
}: ContactsTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = (value: ReactNode) =>
    value ? (
      <Text size="sm" truncate maw={240}>
        {value}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        {t("common.notSet")}
      </Text>
    );
  const date = (value: string) => (
    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
      {format.date(value)}
    </Text>
  );
  const header = (label: string, field: RecordSortField | undefined, key: string) =>
    field ? (
      <SortableTh
        key={key}
        direction={direction(field)}
        onSort={() => onSort(field)}
        sortLabel={t("common.sortBy", { column: label })}
      >
        {label}
      </SortableTh>
    ) : (
      <Table.Th key={key}>{label}</Table.Th>
    );
  const render = (contact: Contact, column: ContactColumn): ReactNode => {
    switch (column) {
      case "company":
        return contact.companyId && contact.companyName
          ? cell(
              <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm">
                {contact.companyName}
              </Anchor>,
            )
          : cell(null);
      case "jobTitle":
        return cell(contact.jobTitle);
      case "department":
        return cell(contact.department);
      case "email":
        return cell(contact.email);
      case "phone":
        return cell(contact.phone);
      case "city":
        return cell(contact.addresses.find((a) => a.city)?.city ?? null);
      case "owner":
        return cell(ownerName(contact.ownerId));
      case "tags":
        return cell(contact.tags.join(", "));
      case "createdAt":
        return date(contact.createdAt);
      case "updatedAt":
        return date(contact.updatedAt);
      default: {
        const unknown: never = column;
        return unknown;
      }
    }
  };

  return (
    <Table.ScrollContainer minWidth={260 + columns.length * 120}>
      <Table verticalSpacing={6} horizontalSpacing={8} highlightOnHover fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                aria-label={t("recordList.selectAll")}
                checked={contacts.length > 0 && contacts.every((r) => selection.selected.has(r.id))}
                indeterminate={
                  contacts.some((r) => selection.selected.has(r.id)) &&
                  !contacts.every((r) => selection.selected.has(r.id))
                }
                onChange={() => selection.toggleAll(contacts.map((r) => r.id))}
              />
            </Table.Th>
            {header(t("contacts.fields.name"), "name", "name")}
            {columns.map((column) => header(t(`contacts.fields.${column}`), SORTABLE[column], column))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr
              key={contact.id}
              bg={selection.selected.has(contact.id) ? "var(--mantine-primary-color-light)" : undefined}
            >
              <Table.Td>
                <Checkbox
                  aria-label={t("recordList.select", { name: contactDisplayName(contact) })}
                  checked={selection.selected.has(contact.id)}
                  onChange={() => selection.toggle(contact.id)}
                />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/contacts/${contact.id}`} fw={600} size="sm" lineClamp={1}>
                  {contactDisplayName(contact)}
                </Anchor>
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column}>{render(contact, column)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
