import { ActionIcon, Alert, Button, CopyButton, Group, Stack, TextInput, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** The one and only time a subscription's signing secret is visible. */
export function WebhookSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        {t("webhooks.secretWarning")}
      </Alert>
      <TextInput
        label={t("webhooks.secretLabel")}
        value={secret}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        rightSection={
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t("webhooks.copied") : t("webhooks.copy")} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? "teal" : "gray"}
                  onClick={copy}
                  aria-label={copied ? t("webhooks.copied") : t("webhooks.copy")}
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        }
      />
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          {t("common.done")}
        </Button>
      </Group>
    </Stack>
  );
}
