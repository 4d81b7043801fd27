import { ActionIcon, Alert, Button, CopyButton, Group, Stack, TextInput, Tooltip } from "@mantine/core";
import type { CreatedApiToken } from "@shared/schemas/account";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** The one and only time the secret is visible. */
export function TokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        {t("apiTokens.secretWarning")}
      </Alert>
      <TextInput
        label={t("apiTokens.secretLabel")}
        value={token.token}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        rightSection={
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t("apiTokens.copied") : t("apiTokens.copy")} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? "teal" : "gray"}
                  onClick={copy}
                  aria-label={copied ? t("apiTokens.copied") : t("apiTokens.copy")}
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
