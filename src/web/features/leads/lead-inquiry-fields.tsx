import { Group, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { MONEY_RULES } from "@shared/locale-number";
import { NumberField } from "@web/components/number-field";
import { useTranslation } from "react-i18next";
import type { InquiryValues } from "./lead-form-values";
import { COMMON_CURRENCIES, LEAD_SOURCES } from "./lead-model";

type InquiryPath = keyof InquiryValues | "estimatedValue.amount" | "estimatedValue.currency";

interface LeadInquiryFieldsProps {
  inputProps: (path: InquiryPath) => GetInputPropsReturnType;
  autoFocus?: boolean;
}

/** What the lead wants, where it came from and what it may be worth. */
export function LeadInquiryFields({ inputProps, autoFocus }: LeadInquiryFieldsProps) {
  const { t } = useTranslation();
  const currency = inputProps("estimatedValue.currency");
  return (
    <Stack gap="sm">
      <Textarea
        label={t("leads.fields.interest")}
        autosize
        minRows={2}
        maxRows={8}
        data-autofocus={autoFocus || undefined}
        {...inputProps("interest")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t("leads.fields.source")}
          data={LEAD_SOURCES.map((source) => ({ value: source, label: t(`leads.source.${source}`) }))}
          allowDeselect={false}
          searchable
          {...inputProps("source")}
        />
        <TextInput
          label={t("leads.fields.sourceDetail")}
          placeholder={t("leads.fields.sourceDetailHint")}
          {...inputProps("sourceDetail")}
        />
      </SimpleGrid>
      <Group gap="sm" align="flex-start" grow preventGrowOverflow={false}>
        <NumberField
          label={t("leads.fields.estimatedValue")}
          rules={MONEY_RULES}
          currency={typeof currency.value === "string" ? currency.value : undefined}
          {...inputProps("estimatedValue.amount")}
        />
        <Select
          label={t("leads.fields.currency")}
          data={[...COMMON_CURRENCIES]}
          allowDeselect={false}
          searchable
          maw={120}
          {...currency}
        />
      </Group>
      <TagsInput
        label={t("leads.fields.tags")}
        placeholder={t("leads.filter.tagsPlaceholder")}
        clearable
        {...inputProps("tags")}
      />
    </Stack>
  );
}
