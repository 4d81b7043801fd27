import { ActionIcon, Badge, Button, Group, Text } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface ChannelRowProps {
  type: string;
  color?: "teal" | "gray";
  /** An address may wrap over lines: its badge stays at the top. */
  align?: "flex-start";
  /** Marked only when the contact has more than one of its kind. */
  primary?: boolean;
  children: ReactNode;
}

/** One email, phone or address: its type as a badge, the value, and whether it is the primary. */
export function ChannelRow({ type, color, align, primary = false, children }: ChannelRowProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align={align}>
      <Badge variant="light" color={color} size="sm" tt="none" style={{ flexShrink: 0 }}>
        {type}
      </Badge>
      {children}
      {primary && (
        <Text size="xs" c="dimmed">
          {t("contacts.detail.primary")}
        </Text>
      )}
    </Group>
  );
}

/** Removes one email, phone or address row from the form. */
export function RemoveRowButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      mt={4}
      aria-label={t("contacts.detail.remove")}
      onClick={onClick}
    >
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

/** Adds an empty email, phone or address row to the form. */
export function AddRowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      w="fit-content"
      leftSection={<IconPlus size={14} aria-hidden />}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
