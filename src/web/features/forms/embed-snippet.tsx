import { Anchor, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import type { WebForm } from "@shared/schemas/form";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { embedSnippet, hostedUrl } from "./forms-api";

/** The hosted page's address and the snippet a website pastes, with a copy button. */
export function EmbedSnippet({ form }: { form: WebForm }) {
  const { t } = useTranslation();
  const snippet = embedSnippet(form);
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t("forms.hostedPage")}:{" "}
        <Anchor href={hostedUrl(form.key)} target="_blank" rel="noopener noreferrer">
          {hostedUrl(form.key)}
        </Anchor>
      </Text>
      <Text size="sm" c="dimmed">
        {t("forms.embedHint")}
      </Text>
      <Code block data-testid="embed-snippet">
        {snippet}
      </Code>
      <Group>
        <CopyButton value={snippet}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? t("forms.copied") : t("forms.copySnippet")}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
