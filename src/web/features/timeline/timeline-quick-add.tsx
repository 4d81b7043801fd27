import { Button, Group } from "@mantine/core";
import type { ActivityType } from "@shared/schemas/activity";
import { IconCalendarPlus, IconChecklist, IconNote, IconPhoneCall } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

const QUICK = [
  { type: "call", icon: IconPhoneCall },
  { type: "note", icon: IconNote },
  { type: "task", icon: IconChecklist },
  { type: "meeting", icon: IconCalendarPlus },
] as const;

/** Log a call, add a note, plan a task, schedule a meeting: the top of every record's timeline. */
export function TimelineQuickAdd({ onAdd }: { onAdd: (type: ActivityType) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="toolbar" aria-label={t("timeline.quickAdd")}>
      {QUICK.map(({ type, icon: ActionIcon }) => (
        <Button
          key={type}
          size="xs"
          variant="light"
          leftSection={<ActionIcon size={14} aria-hidden />}
          onClick={() => onAdd(type)}
        >
          {t(`activities.quick.${type}`)}
        </Button>
      ))}
    </Group>
  );
}
