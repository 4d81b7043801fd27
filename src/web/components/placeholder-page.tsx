import { EmptyState, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "./page-header";

interface PlaceholderPageProps {
  title: string;
  description: string;
  icon: ReactNode;
}

/** Stands in for an entity screen that a later issue builds. */
export function PlaceholderPage({ title, description, icon }: PlaceholderPageProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder radius="md" py={64} px="lg">
        <EmptyState variant="light" size="lg" icon={icon}>
          <Text size="lg" ta="center" maw={560}>
            {description}
          </Text>
          <Text c="dimmed" size="sm" ta="center">
            {t("placeholder.comingSoon")}
          </Text>
        </EmptyState>
      </Paper>
    </>
  );
}
