import { weightedAmount } from "@domain/deals/probability";
import { Anchor, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconFlame } from "@tabler/icons-react";
import { SortableTh } from "@web/components/sortable-th";
import sticky from "@web/components/sticky-columns.module.css";
import type { CustomField } from "@web/features/custom-fields/custom-fields-api";
import {
  CustomFieldCells,
  CustomFieldHeaders,
  type CustomFieldSort,
  tableMinWidth,
} from "@web/features/custom-fields/list/custom-field-column";
import { useFormat } from "@web/i18n/use-format";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDealMoney } from "../board/board-format";
import { DealStatusBadge } from "../deal-status-badge";
import type { Deal } from "../deals-api";
import type { StagePlace } from "../use-stage-lookup";
import { COLUMN_SORT, type DealColumn } from "./deal-columns";
import type { DealSortField } from "./deal-list-params";

interface DealsTableProps {
  deals: Deal[];
  columns: readonly DealColumn[];
  /** Custom field columns after the deal's own, in the UI's language. */
  custom: { fields: readonly CustomField[]; lang: "de" | "en" };
  /** A user field's value as a name. */
  ownerName: (id: string) => string;
  stages: Map<string, StagePlace>;
  direction: (field: DealSortField | CustomFieldSort) => "ascending" | "descending" | null;
  /** A header's click; a custom field's says whether its first click sorts ascending. */
  onSort: (field: DealSortField | CustomFieldSort, ascendingFirst?: boolean) => void;
}

const RIGHT: ReadonlySet<DealColumn> = new Set(["amount", "probability", "weighted", "daysInStage"]);

export function DealsTable(props: DealsTableProps) {
  const { deals, columns, custom, ownerName, stages, direction, onSort } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const none = (
    <Text size="sm" c="dimmed">
      {t("common.notSet")}
    </Text>
  );
  const plain = (value: string | null | undefined, maw = 220): ReactNode =>
    value ? (
      <Text size="sm" truncate maw={maw}>
        {value}
      </Text>
    ) : (
      none
    );
  const nowrap = (value: string | null): ReactNode =>
    value ? (
      <Text size="sm" style={{ whiteSpace: "nowrap" }}>
        {value}
      </Text>
    ) : (
      none
    );

  const cell = (deal: Deal, column: DealColumn): ReactNode => {
    switch (column) {
      case "company":
        return deal.companyId ? (
          <Anchor component={Link} to={`/companies/${deal.companyId}`} size="sm" lineClamp={2} miw={140}>
            {deal.companyName}
          </Anchor>
        ) : (
          none
        );
      case "pipeline":
        return plain(stages.get(deal.stageId)?.pipeline.name);
      case "stage":
        return plain(stages.get(deal.stageId)?.stage.name, 180);
      case "status":
        return <DealStatusBadge status={deal.status} />;
      case "amount":
        return nowrap(formatDealMoney(format, deal.amount));
      case "probability":
        return nowrap(`${deal.probability} %`);
      case "weighted":
        return nowrap(formatDealMoney(format, weightedAmount(deal)));
      case "expectedCloseDate":
        return nowrap(deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : null);
      case "owner":
        return plain(deal.ownerName, 160);
      case "contact": {
        const primary = deal.contacts[0];
        return primary ? (
          <Anchor component={Link} to={`/contacts/${primary.contactId}`} size="sm" lineClamp={1}>
            {primary.name}
          </Anchor>
        ) : (
          none
        );
      }
      case "daysInStage":
        return nowrap(deal.status === "open" ? String(deal.daysInStage) : null);
      case "createdAt":
        return nowrap(format.date(deal.createdAt));
      case "updatedAt":
        return nowrap(format.date(deal.updatedAt));
      default: {
        const unknown: never = column;
        return unknown;
      }
    }
  };

  const header = (column: DealColumn) => {
    const label = t(`deal.columns.${column}`);
    const align = RIGHT.has(column) ? "right" : "left";
    const sortField = COLUMN_SORT[column];
    if (!sortField) {
      return (
        <Table.Th key={column} ta={align} style={{ whiteSpace: "nowrap" }}>
          {label}
        </Table.Th>
      );
    }
    return (
      <SortableTh
        key={column}
        align={align}
        direction={direction(sortField)}
        onSort={() => onSort(sortField)}
        sortLabel={t("common.sortBy", { column: label })}
      >
        {label}
      </SortableTh>
    );
  };

  return (
    <Table.ScrollContainer minWidth={tableMinWidth(1000, custom.fields, custom.lang)}>
      <Table
        verticalSpacing={6}
        horizontalSpacing={8}
        highlightOnHover
        fz="sm"
        // No select box in this list: the title sticks to the left edge itself.
        style={{ "--sticky-name-left": "0px" } as CSSProperties}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh
              className={sticky.name}
              direction={direction("title")}
              onSort={() => onSort("title")}
              sortLabel={t("common.sortBy", { column: t("deal.fields.title") })}
            >
              {t("deal.fields.title")}
            </SortableTh>
            {columns.map(header)}
            <CustomFieldHeaders
              fields={custom.fields}
              lang={custom.lang}
              direction={direction}
              onSort={onSort}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deals.map((deal) => (
            <Table.Tr key={deal.id}>
              <Table.Td className={sticky.name}>
                <Group gap={6} wrap="nowrap">
                  <Anchor
                    component={Link}
                    to={`/deals/${deal.id}`}
                    fw={600}
                    size="sm"
                    lineClamp={2}
                    miw={200}
                  >
                    {deal.title}
                  </Anchor>
                  {deal.rotting && (
                    <Tooltip label={t("deal.rotting")}>
                      <IconFlame
                        size={16}
                        color="var(--mantine-color-orange-filled)"
                        aria-label={t("deal.rotting")}
                      />
                    </Tooltip>
                  )}
                </Group>
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column} ta={RIGHT.has(column) ? "right" : undefined}>
                  {cell(deal, column)}
                </Table.Td>
              ))}
              <CustomFieldCells
                fields={custom.fields}
                lang={custom.lang}
                values={deal.customFields}
                userName={ownerName}
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
