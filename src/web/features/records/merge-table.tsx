import { Badge, Paper, Radio, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type MergeSide = "survivor" | "loser";

export interface MergeRow {
  field: string;
  label: string;
  survivor: ReactNode;
  loser: ReactNode;
  /** Both sides hold the same (or no) value: nothing to choose. */
  same: boolean;
  /** Lists are kept from both sides; the choice only says whose entries come first. */
  list?: boolean;
}

interface MergeTableProps {
  rows: MergeRow[];
  choices: Record<string, MergeSide>;
  onChoose: (field: string, side: MergeSide) => void;
  survivorTitle: ReactNode;
  loserTitle: ReactNode;
}

/**
 * Two records side by side, one row per field, a radio on each side to pick the value the survivor
 * keeps. The two radios of a row share a name, so arrow keys switch between them.
 */
export function MergeTable({ rows, choices, onChoose, survivorTitle, loserTitle }: MergeTableProps) {
  const { t } = useTranslation();
  const none = (
    <Text span size="sm" c="dimmed">
      {t("common.notSet")}
    </Text>
  );
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="xs" horizontalSpacing="md" layout="fixed" aria-label={t("merge.table")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="22%">{t("merge.field")}</Table.Th>
            <Table.Th>
              {survivorTitle}{" "}
              <Badge size="sm" variant="light" color="teal" tt="none">
                {t("merge.survivor")}
              </Badge>
            </Table.Th>
            <Table.Th>
              {loserTitle}{" "}
              <Badge size="sm" variant="light" color="gray" tt="none">
                {t("merge.loser")}
              </Badge>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const chosen = choices[row.field] ?? "survivor";
            const cell = (side: MergeSide, content: ReactNode) => (
              <Table.Td
                bg={!row.same && chosen === side ? "var(--mantine-color-teal-light)" : undefined}
                style={{ verticalAlign: "top", overflowWrap: "anywhere" }}
              >
                {row.same ? (
                  <Text size="sm">{content ?? none}</Text>
                ) : (
                  <Radio
                    name={`merge-${row.field}`}
                    value={side}
                    checked={chosen === side}
                    onChange={() => onChoose(row.field, side)}
                    label={<Text size="sm">{content ?? none}</Text>}
                    aria-label={`${row.label}: ${t(`merge.${side}`)}`}
                  />
                )}
              </Table.Td>
            );
            return (
              <Table.Tr key={row.field}>
                <Table.Td style={{ verticalAlign: "top" }}>
                  <Text size="sm" fw={500}>
                    {row.label}
                  </Text>
                  {row.list && !row.same && (
                    <Text size="xs" c="dimmed">
                      {t("merge.listHint")}
                    </Text>
                  )}
                </Table.Td>
                {cell("survivor", row.survivor)}
                {cell("loser", row.loser)}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
