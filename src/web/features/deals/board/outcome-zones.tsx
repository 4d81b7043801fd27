import { useDroppable } from "@dnd-kit/core";
import { Group, Paper, Text } from "@mantine/core";
import { IconThumbDown, IconTrophy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

export type Outcome = "won" | "lost";
export const outcomeDropId = (outcome: Outcome) => `outcome:${outcome}`;
export const outcomeOf = (id: string): Outcome | null =>
  id === "outcome:won" ? "won" : id === "outcome:lost" ? "lost" : null;

/** While a deal is dragged: two targets along the bottom of the screen to close it as won or lost. */
export function OutcomeZones() {
  return (
    <Group
      gap="md"
      justify="center"
      wrap="nowrap"
      style={{ position: "fixed", left: 0, right: 0, bottom: 16, zIndex: 200, pointerEvents: "none" }}
    >
      <Zone outcome="won" />
      <Zone outcome="lost" />
    </Group>
  );
}

function Zone({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: outcomeDropId(outcome), data: { type: "outcome" } });
  const color = outcome === "won" ? "teal" : "red";
  const Icon = outcome === "won" ? IconTrophy : IconThumbDown;
  return (
    <Paper
      ref={setNodeRef}
      role="region"
      aria-label={t(`dealOutcome.zone.${outcome}`)}
      data-outcome-zone={outcome}
      withBorder
      radius="md"
      shadow="md"
      px="xl"
      py="md"
      w={240}
      style={{
        pointerEvents: "auto",
        borderStyle: "dashed",
        borderWidth: 2,
        borderColor: `var(--mantine-color-${color}-filled)`,
        background: isOver ? `var(--mantine-color-${color}-light-hover)` : "var(--mantine-color-body)",
      }}
    >
      <Group gap="xs" justify="center" c={`${color}.7`}>
        <Icon size={20} aria-hidden />
        <Text fw={600}>{t(`dealOutcome.zone.${outcome}`)}</Text>
      </Group>
    </Paper>
  );
}
