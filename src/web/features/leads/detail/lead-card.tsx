import { Button, Group, Paper, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface LeadCardProps {
  title: string;
  children: ReactNode;
  /** Shows an Edit button that calls this (hidden while editing or when the lead is read-only). */
  onEdit?: () => void;
  actions?: ReactNode;
}

/** One titled section of the lead page. */
export function LeadCard({ title, children, onEdit, actions }: LeadCardProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      {/* In a slim side column a long title wraps in itself; Edit keeps its place on the right. */}
      <Group justify="space-between" mb="sm" gap="xs" wrap="nowrap" align="flex-start">
        <Title order={2} size="h5" style={{ minWidth: 0 }}>
          {title}
        </Title>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {actions}
          {onEdit && (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPencil size={14} aria-hidden />}
              aria-label={t("leads.detail.editSection", { section: title })}
              onClick={onEdit}
            >
              {t("common.edit")}
            </Button>
          )}
        </Group>
      </Group>
      {children}
    </Paper>
  );
}
