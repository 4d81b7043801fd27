import { Badge, Button, Group, Text } from "@mantine/core";
import type { Board } from "@shared/schemas/deal";
import type { Formatters } from "@web/i18n/use-format";
import { type RefObject, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Whether the board's columns are wider than the board (then some stand outside the screen). */
export function useOverflowing(container: RefObject<HTMLElement | null>) {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const check = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    check();
    return () => observer.disconnect();
  }, [container]);
  return overflowing;
}

interface StageJumpProps {
  columns: Board["columns"];
  format: Formatters;
  /** Scrolls the board to the stage's column and puts the focus on its first card. */
  onJump: (stageId: string) => void;
}

/**
 * The column jump (#15 point 6): when a pipeline has more stages than the screen holds, one compact
 * row of the stage names (with their counts) above the board; a click shows that column.
 */
export function StageJump({ columns, format, onJump }: StageJumpProps) {
  const { t } = useTranslation();
  return (
    <Group component="nav" aria-label={t("dealBoard.jump.label")} gap={4} wrap="nowrap" mb={6}>
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {t("dealBoard.jump.label")}:
      </Text>
      <Group gap={4} wrap="nowrap" style={{ overflowX: "auto", minWidth: 0 }}>
        {columns.map(({ stage, count }) => (
          <Button
            key={stage.id}
            size="compact-xs"
            variant="default"
            onClick={() => onJump(stage.id)}
            rightSection={
              <Badge size="xs" variant="light" color="gray" style={{ minWidth: "max-content" }}>
                {format.number(count)}
              </Badge>
            }
            styles={{ root: { flexShrink: 0 } }}
          >
            {stage.name}
          </Button>
        ))}
      </Group>
    </Group>
  );
}
