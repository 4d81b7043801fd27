import { Table, Text } from "@mantine/core";
import { SortableTh } from "@web/components/sortable-th";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { customValueText } from "../custom-field-display";
import { customFieldColumn } from "../custom-field-list-filters";
import type { CustomField } from "../custom-fields-api";

/** A list's sort on a custom field (`cf.<key>`, see shared/schemas/custom-field-query.ts). */
export type CustomFieldSort = `cf.${string}`;

/** A custom column sorts by its field when the field is filterable (indexed) and holds one value. */
export const sortsByCustomField = (field: CustomField) => field.filterable && field.type !== "multi_choice";
/** Text columns start A→Z; numbers, money, dates and ticks start with the largest or newest. */
const DESCENDING_FIRST: readonly CustomField["type"][] = ["number", "money", "date", "checkbox"];
const rightAligned = (field: CustomField) => field.type === "number" || field.type === "money";

/** The longest word of a label: a header may wrap between words, never inside one. */
const longestWord = (label: string) => Math.max(...label.split(/\s+/).map((word) => word.length));

/**
 * The room a custom column's header needs: German labels are long single words ("Mitarbeiterzahl")
 * that must neither wrap nor be cut (issue #20 point 3), so the table's scroll width grows by its
 * longest word; a label of several words ("Branche (eigenes Feld)") may take a second line when the
 * list is crowded, so a 1440 px screen shows the default columns and a couple of custom ones whole.
 */
export const customColumnWidth = (field: CustomField, lang: "de" | "en") =>
  Math.max(72, Math.ceil(longestWord(field.label[lang]) * 7.5) + (sortsByCustomField(field) ? 26 : 10));

/** The scroll width of a table: its own floor plus what the custom columns need. */
export const tableMinWidth = (base: number, fields: readonly CustomField[], lang: "de" | "en") =>
  fields.reduce((sum, field) => sum + customColumnWidth(field, lang), base);

interface HeaderProps {
  field: CustomField;
  lang: "de" | "en";
  /** The list's current sort of a custom field column. */
  direction: (sort: CustomFieldSort) => "ascending" | "descending" | null;
  /** The header's click: this field, and whether a first click sorts ascending. */
  onSort: (sort: CustomFieldSort, ascendingFirst: boolean) => void;
}

/** A custom column's header: sortable when the field is, never wrapped or cut. */
function CustomFieldTh({ field, lang, direction, onSort }: HeaderProps) {
  const { t } = useTranslation();
  const label = field.label[lang];
  const sort = customFieldColumn(field.key);
  const width = customColumnWidth(field, lang);
  if (!sortsByCustomField(field)) {
    return (
      <Table.Th miw={width} ta={rightAligned(field) ? "right" : undefined}>
        {label}
      </Table.Th>
    );
  }
  return (
    <SortableTh
      direction={direction(sort)}
      onSort={() => onSort(sort, !DESCENDING_FIRST.includes(field.type))}
      sortLabel={t("common.sortBy", { column: label })}
      align={rightAligned(field) ? "right" : "left"}
      minWidth={width}
      wrapWords
    >
      {label}
    </SortableTh>
  );
}

interface CellProps {
  field: CustomField;
  lang: "de" | "en";
  /** The row's custom values (`customFields` of a list item). */
  values: Readonly<Record<string, unknown>> | undefined;
  /** A user field's value as a name. */
  userName: (id: string) => string;
}

/** A custom column's cell: the value as a German or English reader expects it. */
function CustomFieldTd({ field, lang, values, userName }: CellProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = customValueText(field, values?.[field.key], { t, lang, format, userName });
  if (!text) return <Table.Td />;
  // Figures in tabular digits, right-aligned and whole; text on one line, cut with the whole value on hover.
  return rightAligned(field) ? (
    <Table.Td ta="right">
      <Text size="sm" className="lw-num" style={{ whiteSpace: "nowrap" }}>
        {text}
      </Text>
    </Table.Td>
  ) : (
    <Table.Td>
      <Text size="sm" truncate maw={220} title={text}>
        {text}
      </Text>
    </Table.Td>
  );
}

/** The headers of a list's custom field columns, after its own. */
export function CustomFieldHeaders({
  fields,
  ...rest
}: { fields: readonly CustomField[] } & Omit<HeaderProps, "field">) {
  return fields.map((field) => <CustomFieldTh key={field.key} field={field} {...rest} />);
}

/** One row's cells of a list's custom field columns. */
export function CustomFieldCells({
  fields,
  ...rest
}: { fields: readonly CustomField[] } & Omit<CellProps, "field">) {
  return fields.map((field) => <CustomFieldTd key={field.key} field={field} {...rest} />);
}
