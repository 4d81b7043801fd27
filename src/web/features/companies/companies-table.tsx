import { Anchor, Checkbox, Table, Text } from "@mantine/core";
import type { RecordSortField, RowSelection } from "@web/components/record-list-page";
import { SortableTh } from "@web/components/sortable-th";
import { useFormat } from "@web/i18n/use-format";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Company } from "./companies-api";
import type { CompanyColumn } from "./company-columns";

interface CompaniesTableProps {
  companies: Company[];
  columns: readonly CompanyColumn[];
  direction: (field: RecordSortField) => "ascending" | "descending" | null;
  onSort: (field: RecordSortField) => void;
  selection: RowSelection;
  ownerName: (ownerId: string | null) => string | null;
}

/** Columns the server sorts by. */
const SORTABLE: Partial<Record<CompanyColumn, RecordSortField>> = {
  createdAt: "createdAt",
  updatedAt: "updatedAt",
};

export function CompaniesTable({
  companies,
  columns,
  direction,
  onSort,
  selection,
  ownerName,
}: CompaniesTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = (value: string | null) =>
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
  const render = (company: Company, column: CompanyColumn): ReactNode => {
    switch (column) {
      case "industry":
        return cell(company.industry);
      case "website":
        return cell(company.domain ?? company.website);
      case "phone":
        return cell(company.phone);
      case "email":
        return cell(company.email);
      case "size":
        return cell(company.size);
      case "city":
        return cell(company.billingAddress?.city ?? company.shippingAddress?.city ?? null);
      case "vatId":
        return cell(company.vatId);
      case "owner":
        return cell(ownerName(company.ownerId));
      case "tags":
        return cell(company.tags.join(", "));
      case "createdAt":
        return date(company.createdAt);
      case "updatedAt":
        return date(company.updatedAt);
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
                checked={companies.length > 0 && companies.every((r) => selection.selected.has(r.id))}
                indeterminate={
                  companies.some((r) => selection.selected.has(r.id)) &&
                  !companies.every((r) => selection.selected.has(r.id))
                }
                onChange={() => selection.toggleAll(companies.map((r) => r.id))}
              />
            </Table.Th>
            {header(t("companies.fields.name"), "name", "name")}
            {columns.map((column) => header(t(`companies.fields.${column}`), SORTABLE[column], column))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {companies.map((company) => (
            <Table.Tr
              key={company.id}
              bg={selection.selected.has(company.id) ? "var(--mantine-primary-color-light)" : undefined}
            >
              <Table.Td>
                <Checkbox
                  aria-label={t("recordList.select", { name: company.name })}
                  checked={selection.selected.has(company.id)}
                  onChange={() => selection.toggle(company.id)}
                />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${company.id}`} fw={600} size="sm" lineClamp={1}>
                  {company.name}
                </Anchor>
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column}>{render(company, column)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
