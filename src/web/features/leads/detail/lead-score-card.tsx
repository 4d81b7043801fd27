import { Group, RingProgress, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { scoreColor } from "../lead-badges";
import { scoreReasonText } from "../score-reason-text";
import { LeadCard } from "./lead-card";
import { useLeadEditor } from "./lead-editor-context";

/** The score and the rules behind it, biggest contribution first. */
export function LeadScoreCard() {
  const { t } = useTranslation();
  const { lead } = useLeadEditor();
  const reasons = [...lead.scoreReasons].sort((a, b) => b.points - a.points);
  return (
    <LeadCard title={t("leads.score.title")}>
      <Group gap="md" align="center" wrap="nowrap" mb="xs">
        <RingProgress
          size={72}
          thickness={7}
          roundCaps
          sections={[{ value: lead.score, color: scoreColor(lead.score) }]}
          label={
            <Text ta="center" fw={700} size="lg" style={{ fontVariantNumeric: "tabular-nums" }}>
              {lead.score}
            </Text>
          }
          aria-label={t("leads.score.label", { score: lead.score })}
        />
        <Text size="sm" c="dimmed">
          {t("leads.score.outOf")}
        </Text>
      </Group>
      {reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("leads.score.none")}
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={4} fz="sm">
          <Table.Tbody>
            {reasons.map((reason) => (
              <Table.Tr key={reason.ruleId}>
                <Table.Td w={44} ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  <Text span size="sm" fw={600} c={reason.points < 0 ? "red" : "teal"}>
                    {reason.points > 0 ? `+${reason.points}` : reason.points}
                  </Text>
                </Table.Td>
                <Table.Td>{scoreReasonText(t, reason)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </LeadCard>
  );
}
