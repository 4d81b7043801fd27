import { ActionIcon, Kbd, Popover, Stack, Text } from "@mantine/core";
import { IconKeyboard } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

const KEYS = [
  ["Tab", "tab"],
  ["← →", "columns"],
  ["↑ ↓", "cards"],
  ["Space", "pickUp"],
  ["Esc", "cancel"],
] as const;

/** A small "keys" button beside the filters: how the board works by keyboard, in a few lines. */
export function BoardKeysHint() {
  const { t } = useTranslation();
  return (
    <Popover width={300} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon variant="default" size="input-sm" aria-label={t("dealBoard.keys.label")}>
          <IconKeyboard size={18} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" fw={600} mb={6}>
          {t("dealBoard.keys.label")}
        </Text>
        <Stack gap={4}>
          {KEYS.map(([keys, what]) => (
            <Text size="xs" key={what}>
              <Kbd size="xs">{keys === "Space" ? t("dealBoard.keys.space") : keys}</Kbd>{" "}
              {t(`dealBoard.keys.${what}`)}
            </Text>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
