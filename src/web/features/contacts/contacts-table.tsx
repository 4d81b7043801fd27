import { Anchor, Checkbox, Table, Text } from "@mantine/core";
import type { RowSelection } from "@web/components/record-list-page";
import { SortableTh } from "@web/components/sortable-th";
import { useFormat } from "@web/i18n/use-format";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Contact, contactDisplayName } from "./contacts-api";

export type ContactSortField = "name" | "createdAt";

interface ContactsTableProps {
  contacts: Contact[];
  direction: (field: ContactSortField) => "ascending" | "descending" | null;
  onSort: (field: ContactSortField) => void;
  selection: RowSelection;
}

export function ContactsTable({ contacts, direction, onSort, selection }: ContactsTableProps) {
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
  const sortable = (field: ContactSortField) => (
    <SortableTh
      direction={direction(field)}
      onSort={() => onSort(field)}
      sortLabel={t("common.sortBy", { column: t(`contacts.fields.${field}`) })}
    >
      {t(`contacts.fields.${field}`)}
    </SortableTh>
  );

  return (
    <Table.ScrollContainer minWidth={860}>
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
            {sortable("name")}
            <Table.Th>{t("contacts.fields.company")}</Table.Th>
            <Table.Th>{t("contacts.fields.jobTitle")}</Table.Th>
            <Table.Th>{t("contacts.fields.email")}</Table.Th>
            <Table.Th>{t("contacts.fields.phone")}</Table.Th>
            {sortable("createdAt")}
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
              <Table.Td>
                {contact.companyId && contact.companyName
                  ? cell(
                      <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm">
                        {contact.companyName}
                      </Anchor>,
                    )
                  : cell(null)}
              </Table.Td>
              <Table.Td>{cell(contact.jobTitle)}</Table.Td>
              <Table.Td>{cell(contact.email)}</Table.Td>
              <Table.Td>{cell(contact.phone)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {format.date(contact.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
