import { Button, CloseButton, Group, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

interface BulkToolbarProps {
  /** The toolbar's accessible name. */
  label: string;
  /** "3 selected" or the like, announced as it changes. */
  selected: string;
  clearLabel: string;
  onClear: () => void;
  closeSize?: "sm" | "md";
  /** The action buttons (BulkButton). */
  children: ReactNode;
}

/** The bar above a list while rows are ticked: how many, the actions, and a way to untick all. */
export function BulkToolbar({ label, selected, clearLabel, onClear, closeSize, children }: BulkToolbarProps) {
  return (
    <Paper
      withBorder
      radius="md"
      px="sm"
      py={6}
      bg="var(--mantine-primary-color-light)"
      role="toolbar"
      aria-label={label}
    >
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} mr="xs" aria-live="polite">
          {selected}
        </Text>
        {children}
        <CloseButton ml="auto" size={closeSize} aria-label={clearLabel} onClick={onClear} />
      </Group>
    </Paper>
  );
}

interface BulkButtonProps {
  icon: ReactNode;
  onClick: () => void;
  color?: "red";
  children: ReactNode;
}

/** One action of a BulkToolbar. */
export function BulkButton({ icon, onClick, color, children }: BulkButtonProps) {
  return (
    <Button size="compact-sm" variant="default" color={color} leftSection={icon} onClick={onClick}>
      {children}
    </Button>
  );
}
