import { Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface PageHeaderProps {
  title: string;
  description?: string;
  /** Heading level; sub-pages inside a titled page use 2. */
  order?: 1 | 2;
  actions?: ReactNode;
}

/** A page's heading with an optional line of explanation; also sets the browser tab's title. */
export function PageHeader({ title, description, order = 1, actions }: PageHeaderProps) {
  const { t } = useTranslation();
  // Only the page's main heading names the browser tab; sections inside it keep the page's name.
  useDocumentTitle(order === 1 ? `${title} · ${t("app.name")}` : "");
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="md" mb="lg">
      <Stack gap={4}>
        <Title order={order} size={order === 1 ? "h2" : "h3"}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
