import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { errorMessage } from "./error-message";

/** Last resort when a loader or a screen fails outright (server down, a bug). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = errorMessage(error);
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" gap="md" maw={480} ta="center">
        <IconAlertTriangle size={48} stroke={1.5} color="var(--mantine-color-red-6)" aria-hidden />
        <Title order={1} size="h2">
          {t("errors.title")}
        </Title>
        <Text c="dimmed">{detail}</Text>
        <Button onClick={() => window.location.reload()}>{t("errors.reload")}</Button>
      </Stack>
    </Center>
  );
}
