import { type AddressBlockInput, addressBlock } from "@domain/addresses/address-block";
import { ActionIcon, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import { isLocale } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";
import { useHomeCountry } from "./use-home-country";

/** A postal address as its DIN 5008 block, with a button that copies it for a letter. */
export function AddressBlockView({ input }: { input: AddressBlockInput }) {
  const { t, i18n } = useTranslation();
  const homeCountry = useHomeCountry();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const lines = addressBlock(input, { homeCountry, locale: isLocale(language) ? language : "en" });
  if (lines.length === 0) return null;
  const text = lines.join("\n");
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Text size="sm" style={{ whiteSpace: "pre-line" }} data-testid="address-block">
        {text}
      </Text>
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t("common.addressCopied") : t("common.copyAddress")} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? "teal" : "gray"}
              size="sm"
              onClick={copy}
              aria-label={t("common.copyAddress")}
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
