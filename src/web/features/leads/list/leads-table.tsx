import { Anchor, Button, Checkbox, Group, Table, Text } from "@mantine/core";
import { IconRestore } from "@tabler/icons-react";
import { InitialsAvatar } from "@web/components/initials-avatar";
import { SortableTh } from "@web/components/sortable-th";
import sticky from "@web/components/sticky-columns.module.css";
import type { CustomField } from "@web/features/custom-fields/custom-fields-api";
import {
  CustomFieldCells,
  CustomFieldHeaders,
  tableMinWidth,
} from "@web/features/custom-fields/list/custom-field-column";
import { useFormat } from "@web/i18n/use-format";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { leadDisplayName } from "../lead-model";
import { LeadCell } from "./lead-cell";
import { COLUMN_SORT, type LeadColumn } from "./lead-columns";
import type { LeadListRow } from "./lead-list-fields";
import type { LeadSort } from "./lead-list-params";

interface LeadsTableProps {
  leads: LeadListRow[];
  columns: readonly LeadColumn[];
  /** Custom field columns after the lead's own (their values come with `customFields`). */
  customColumns: readonly CustomField[];
  sort: LeadSort;
  onSort: (sort: LeadSort) => void;
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  ownerLabel: (ownerId: string | null) => string | null;
  /** Deleted leads: a Restore button per row instead of the selection checkboxes. */
  restore?: { onRestore: (id: string) => void; pendingId: string | null };
}

/** Text columns start A→Z; numbers and dates start with the largest or newest. */
const ASCENDING_FIRST: readonly LeadSort["field"][] = ["name", "companyName"];

/** The initials come from the person's name without "Dr."; a lead without one shows its company's. */
const initialsSource = (lead: LeadListRow) =>
  [lead.firstName, lead.lastName].filter(Boolean).join(" ") || (lead.companyName ?? "");

export function LeadsTable({
  leads,
  columns,
  customColumns,
  sort,
  onSort,
  selected,
  onSelectedChange,
  ownerLabel,
  restore,
}: LeadsTableProps) {
  const { t, i18n } = useTranslation();
  const lang: "de" | "en" = i18n.language.startsWith("de") ? "de" : "en";
  const format = useFormat();
  const showsContact = columns.includes("contact");
  const allSelected = leads.length > 0 && leads.every((lead) => selected.has(lead.id));
  const someSelected = !allSelected && leads.some((lead) => selected.has(lead.id));

  const toggleSort = (field: LeadSort["field"], ascendingFirst = ASCENDING_FIRST.includes(field)) =>
    onSort(
      sort.field === field ? { field, descending: !sort.descending } : { field, descending: !ascendingFirst },
    );
  const direction = (field: LeadSort["field"]) =>
    sort.field === field ? (sort.descending ? "descending" : "ascending") : null;
  const toggleRow = (id: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };

  const header = (column: LeadColumn) => {
    const label = t(`leads.columns.${column}`);
    const field = COLUMN_SORT[column];
    const align = column === "estimatedValue" ? "right" : "left";
    if (!field) return <Table.Th key={column}>{label}</Table.Th>;
    return (
      <SortableTh
        key={column}
        direction={direction(field)}
        onSort={() => toggleSort(field)}
        sortLabel={t("leads.list.sortBy", { column: label })}
        align={align}
      >
        {label}
      </SortableTh>
    );
  };

  return (
    <Table.ScrollContainer minWidth={tableMinWidth(920, customColumns, lang)}>
      <Table
        verticalSpacing={6}
        horizontalSpacing={8}
        highlightOnHover
        fz="sm"
        striped={false}
        // The restore view has no select box: the name sticks to the left edge itself.
        style={restore ? ({ "--sticky-name-left": "0px" } as CSSProperties) : undefined}
      >
        <Table.Thead>
          <Table.Tr>
            {!restore && (
              <Table.Th className={sticky.select}>
                <Checkbox
                  aria-label={t("leads.list.selectAll")}
                  checked={allSelected}
                  indeterminate={someSelected}
                  onChange={(event) =>
                    onSelectedChange(
                      event.currentTarget.checked ? new Set(leads.map((lead) => lead.id)) : new Set(),
                    )
                  }
                />
              </Table.Th>
            )}
            <SortableTh
              className={sticky.name}
              direction={direction("name")}
              onSort={() => toggleSort("name")}
              sortLabel={t("leads.list.sortBy", { column: t("leads.columns.name") })}
            >
              {t("leads.columns.name")}
            </SortableTh>
            {columns.map(header)}
            <CustomFieldHeaders
              fields={customColumns}
              lang={lang}
              direction={direction}
              onSort={toggleSort}
            />
            {restore && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => {
            const name = leadDisplayName(lead) || t("leads.unnamed");
            const isSelected = selected.has(lead.id);
            return (
              <Table.Tr
                key={lead.id}
                bg={isSelected ? "var(--mantine-primary-color-light)" : undefined}
                data-selected={isSelected || undefined}
              >
                {!restore && (
                  <Table.Td className={sticky.select}>
                    <Checkbox
                      aria-label={t("leads.list.selectRow", { name })}
                      checked={isSelected}
                      onChange={(event) => toggleRow(lead.id, event.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td className={sticky.name}>
                  <Group gap="xs" wrap="nowrap">
                    <InitialsAvatar name={initialsSource(lead) || name} />
                    <div>
                      <Anchor
                        component={Link}
                        to={`/leads/${lead.id}`}
                        fw={600}
                        size="sm"
                        // Two lines and a floor: one clamped line cut "Alexandrea Vandenberghe-…" to
                        // "Alexandrea…" because the long second word moved to the hidden line (issue #15).
                        lineClamp={2}
                        miw={180}
                        maw={260}
                        title={name}
                      >
                        {name}
                      </Anchor>
                      {/* The email under the name, unless the contact column shows it already. */}
                      {(showsContact ? lead.jobTitle : (lead.email ?? lead.jobTitle)) && (
                        <Text size="xs" c="dimmed" truncate miw={180} maw={260}>
                          {showsContact ? lead.jobTitle : (lead.email ?? lead.jobTitle)}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Table.Td>
                {columns.map((column) => (
                  <Table.Td key={column}>
                    <LeadCell
                      column={column}
                      lead={lead}
                      ownerName={ownerLabel(lead.ownerId)}
                      format={format}
                    />
                  </Table.Td>
                ))}
                <CustomFieldCells
                  fields={customColumns}
                  lang={lang}
                  values={lead.customFields}
                  userName={(id) => ownerLabel(id) ?? ""}
                />
                {restore && (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconRestore size={14} aria-hidden />}
                      aria-label={t("leads.list.restoreLead", { name })}
                      loading={restore.pendingId === lead.id}
                      onClick={() => restore.onRestore(lead.id)}
                    >
                      {t("leads.list.restore")}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
