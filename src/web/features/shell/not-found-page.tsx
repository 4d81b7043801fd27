import { Button, EmptyState, Paper, Text } from "@mantine/core";
import { IconMapQuestion } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <Paper withBorder radius="md" py={64} px="lg">
        <EmptyState size="lg" variant="light" color="gray" icon={<IconMapQuestion aria-hidden />}>
          <Text size="lg" ta="center" maw={560}>
            {t("notFound.description", { path: pathname })}
          </Text>
          <EmptyState.Actions mt="md">
            <Button component={Link} to="/leads">
              {t("notFound.home")}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    </>
  );
}
