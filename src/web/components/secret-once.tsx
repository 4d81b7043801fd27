import { ActionIcon, Alert, Button, CopyButton, Group, Stack, TextInput, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface SecretOnceProps {
  secret: string;
  /** Why to copy it now (it is never shown again). */
  warning: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
  onDone: () => void;
}

/** The one and only time a secret (an API token, a webhook's signing secret) is visible, with copy. */
export function SecretOnce({ secret, warning, label, copyLabel, copiedLabel, onDone }: SecretOnceProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        {warning}
      </Alert>
      <TextInput
        label={label}
        value={secret}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        rightSection={
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? copiedLabel : copyLabel} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? "teal" : "gray"}
                  onClick={copy}
                  aria-label={copied ? copiedLabel : copyLabel}
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
