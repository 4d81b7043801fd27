import { Anchor, Checkbox, Table, Text } from "@mantine/core";
import type { RowSelection } from "@web/components/record-list-page";
import { SortableTh } from "@web/components/sortable-th";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Company } from "./companies-api";

export type CompanySortField = "name" | "createdAt";

interface CompaniesTableProps {
  companies: Company[];
  direction: (field: CompanySortField) => "ascending" | "descending" | null;
  onSort: (field: CompanySortField) => void;
  selection: RowSelection;
}

const dash = (value: string | null, none: string) =>
  value ? (
    <Text size="sm" truncate maw={240}>
      {value}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {none}
    </Text>
  );

export function CompaniesTable({ companies, direction, onSort, selection }: CompaniesTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t("common.notSet");
  const sortable = (field: CompanySortField) => (
    <SortableTh
      direction={direction(field)}
      onSort={() => onSort(field)}
      sortLabel={t("common.sortBy", { column: t(`companies.fields.${field}`) })}
    >
      {t(`companies.fields.${field}`)}
    </SortableTh>
  );

  return (
    <Table.ScrollContainer minWidth={760}>
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
            {sortable("name")}
            <Table.Th>{t("companies.fields.industry")}</Table.Th>
            <Table.Th>{t("companies.fields.website")}</Table.Th>
            <Table.Th>{t("companies.fields.phone")}</Table.Th>
            {sortable("createdAt")}
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
              <Table.Td>{dash(company.industry, none)}</Table.Td>
              <Table.Td>{dash(company.domain ?? company.website, none)}</Table.Td>
              <Table.Td>{dash(company.phone, none)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {format.date(company.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
