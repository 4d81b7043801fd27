import { Anchor, Checkbox, Group, Table } from "@mantine/core";
import { InitialsAvatar } from "@web/components/initials-avatar";
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
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type CellContext,
  type RecordCell,
  type RecordCells,
  type RecordSortField,
  renderCell,
} from "./record-cells";
import type { RowSelection } from "./use-row-selection";

/** What a record list's table is made of, besides its rows: the cells, and each row's name and link. */
export interface RecordTableSetup<T, C extends string> {
  cells: RecordCells<T, C>;
  name: (row: T) => string;
  href: (row: T) => string;
  /** The initials avatar before the name: round for people, square for organisations. */
  avatar: "person" | "organisation";
}

interface RecordTableProps<T, C extends string> extends RecordTableSetup<T, C>, CellContext {
  rows: T[];
  /** The optional columns to show, in display order; the name column always comes first. */
  columns: readonly C[];
  /** Custom field columns after the record's own, in the UI's language. */
  custom: { fields: readonly CustomField[]; lang: "de" | "en" };
  label: (column: C | "name") => string;
  direction: (field: RecordSortField | CustomFieldSort) => "ascending" | "descending" | null;
  /** A header's click; a custom field's says whether its first click sorts ascending. */
  onSort: (field: RecordSortField | CustomFieldSort, ascendingFirst: boolean) => void;
  selection: RowSelection;
}

/** The tick box and the name (avatar and a floor of 220 px, so names show whole). */
const MIN_WIDTH = 260;
/** The least a column's values need: counts are short figures, dates and chips a little more. */
const KIND_FLOOR: Record<RecordCell<unknown>["kind"], number> = { count: 56, date: 96, node: 96, text: 96 };

/**
 * The room an optional column needs: its kind's floor, or its header (one line, about 7.5 px a
 * letter at 14 px bold) when that is wider. A flat width per column scrolled the company list
 * sideways at 1440 px once two custom columns were shown (issue #23).
 */
export const columnWidth = (kind: RecordCell<unknown>["kind"], header: string) =>
  Math.max(KIND_FLOOR[kind], Math.ceil(header.length * 7.5) + 16);

/** A record list's table: a tick box per row, the linked name, the chosen columns, sortable headers. */
export function RecordTable<
  T extends { id: string; customFields?: Readonly<Record<string, unknown>> | undefined },
  C extends string,
>(props: RecordTableProps<T, C>) {
  const { rows, columns, custom, label, direction, onSort, selection, cells, name, href, avatar } = props;
  const { t } = useTranslation();
  const { date, number } = useFormat();
  const format = { date, number: (value: number) => number(value), notSet: t("common.notSet") };
  const header = (
    text: string,
    field: RecordSortField | undefined,
    key: string,
    align?: "right",
    className?: string,
  ) =>
    field ? (
      <SortableTh
        key={key}
        className={className}
        direction={direction(field)}
        onSort={() => onSort(field, field === "name")}
        sortLabel={t("common.sortBy", { column: text })}
      >
        {text}
      </SortableTh>
    ) : (
      // One line: "E-Mail" must not break at its hyphen into "E-" and "Mail" (issue #15, German at 1280 px).
      <Table.Th
        key={key}
        className={className}
        style={{ whiteSpace: "nowrap" }}
        ta={align === "right" ? "right" : undefined}
      >
        {text}
      </Table.Th>
    );
  const sortOf = (column: C) => {
    const cell = cells[column];
    return cell.kind === "date" ? cell.sort : undefined;
  };
  const allSelected = rows.length > 0 && rows.every((r) => selection.selected.has(r.id));

  return (
    <Table.ScrollContainer
      minWidth={tableMinWidth(
        columns.reduce((sum, column) => sum + columnWidth(cells[column].kind, label(column)), MIN_WIDTH),
        custom.fields,
        custom.lang,
      )}
    >
      <Table verticalSpacing={6} horizontalSpacing={8} highlightOnHover fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th className={sticky.select}>
              <Checkbox
                aria-label={t("recordList.selectAll")}
                checked={allSelected}
                indeterminate={rows.some((r) => selection.selected.has(r.id)) && !allSelected}
                onChange={() => selection.toggleAll(rows.map((r) => r.id))}
              />
            </Table.Th>
            {header(label("name"), "name", "name", undefined, sticky.name)}
            {columns.map((column) =>
              header(
                label(column),
                sortOf(column),
                column,
                cells[column].kind === "count" ? "right" : undefined,
              ),
            )}
            <CustomFieldHeaders
              fields={custom.fields}
              lang={custom.lang}
              direction={direction}
              onSort={onSort}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              bg={selection.selected.has(row.id) ? "var(--mantine-primary-color-light)" : undefined}
              data-selected={selection.selected.has(row.id) || undefined}
            >
              <Table.Td className={sticky.select}>
                <Checkbox
                  aria-label={t("recordList.select", { name: name(row) })}
                  checked={selection.selected.has(row.id)}
                  onChange={() => selection.toggle(row.id)}
                />
              </Table.Td>
              <Table.Td className={sticky.name}>
                {/* A floor and two lines, so many columns never squeeze a name to "Alexandrea…" (issue #15). */}
                <Group gap="xs" wrap="nowrap" miw={220}>
                  <InitialsAvatar name={name(row)} shape={avatar} />
                  <Anchor component={Link} to={href(row)} fw={600} size="sm" lineClamp={2} title={name(row)}>
                    {name(row)}
                  </Anchor>
                </Group>
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column}>{renderCell(cells[column], row, props, format)}</Table.Td>
              ))}
              <CustomFieldCells
                fields={custom.fields}
                lang={custom.lang}
                values={row.customFields}
                userName={(id) => props.ownerName(id) ?? ""}
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
