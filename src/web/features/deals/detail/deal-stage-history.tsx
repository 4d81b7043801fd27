import { Table, Text } from "@mantine/core";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { useStageHistory } from "../use-deals";
import { useDealEditor } from "./deal-editor-context";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Time spent, coarse enough to read at a glance: minutes under an hour, hours under two days, then days. */
export function stageDuration(fromIso: string, toIso: string | null, now = Date.now()) {
  const ms = Math.max(0, (toIso ? Date.parse(toIso) : now) - Date.parse(fromIso));
  if (ms < HOUR) return { unit: "minutes", count: Math.floor(ms / 60_000) } as const;
  if (ms < 2 * DAY) return { unit: "hours", count: Math.floor(ms / HOUR) } as const;
  return { unit: "days", count: Math.floor(ms / DAY) } as const;
}

/** Every stage the deal went through, newest first, with entered and left times and the time spent. */
export function DealStageHistory() {
  const { t } = useTranslation();
  const format = useFormat();
  const { deal } = useDealEditor();
  const history = useStageHistory(deal.id);
  const { names } = useOwnerOptions();
  const entries = [...(history.data ?? [])].sort((a, b) => b.enteredAt.localeCompare(a.enteredAt));

  return (
    <SectionCard title={t("deal.history.title")}>
      <QueryStates
        query={history}
        compact
        isEmpty={entries.length === 0}
        emptyText={t("deal.history.empty")}
      />
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table fz="sm" verticalSpacing={4} horizontalSpacing={8}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("deal.fields.stage")}</Table.Th>
                <Table.Th>{t("deal.history.entered")}</Table.Th>
                <Table.Th>{t("deal.history.left")}</Table.Th>
                <Table.Th ta="right">{t("deal.history.duration")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => {
                const duration = stageDuration(entry.enteredAt, entry.leftAt);
                const by = entry.movedBy ? names.get(entry.movedBy) : undefined;
                return (
                  <Table.Tr key={`${entry.stageId}-${entry.enteredAt}`}>
                    <Table.Td fw={600}>{entry.stageName}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {format.dateTime(entry.enteredAt)}
                      {by && (
                        <Text span size="xs" c="dimmed">
                          {" "}
                          · {by}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {entry.leftAt ? (
                        format.dateTime(entry.leftAt)
                      ) : (
                        <Text span size="sm" c="dimmed">
                          {t("deal.history.current")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                      {t(`deal.history.${duration.unit}`, { count: duration.count })}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
