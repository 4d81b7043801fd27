import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { MONEY_RULES } from "@shared/locale-number";
import { BantIndicator } from "@web/components/bant-indicator";
import { notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  BANT_CRITERIA,
  BANT_STATES,
  type BantCriterion,
  COMMON_CURRENCIES,
  isBantState,
} from "../lead-model";
import { type BantValues, bantBody, bantValues, budgetError } from "./bant-values";
import { LeadCard } from "./lead-card";
import { useLeadEditor } from "./lead-editor-context";

/** The four BANT criteria, each unknown / not met / met with its detail; saved together. */
export function LeadBantPanel() {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const { lead, readOnly, save, fail } = useLeadEditor();
  const form = useForm<{ bant: BantValues }>({
    initialValues: { bant: bantValues(lead.bant, numbers) },
    validate: { bant: { budget: { amount: (_amount, values) => budgetError(values.bant, numbers) } } },
  });

  const submit = form.onSubmit(async ({ bant }) => {
    try {
      const updated = await save({ bant: bantBody(bant, numbers) });
      const next = { bant: bantValues(updated.bant, numbers) };
      form.setInitialValues(next);
      form.setValues(next);
      notifySuccess(t("bant.saved"));
    } catch (error) {
      fail(error, form);
    }
  });

  const stateControl = (criterion: BantCriterion) => (
    <SegmentedControl
      size="xs"
      fullWidth
      disabled={readOnly}
      aria-label={t(`bant.criterion.${criterion}`)}
      data={BANT_STATES.map((state) => ({ value: state, label: t(`bant.state.${state}`) }))}
      value={form.values.bant[criterion].state}
      onChange={(value) => {
        if (isBantState(value)) form.setFieldValue(`bant.${criterion}.state`, value);
      }}
      color={
        form.values.bant[criterion].state === "met"
          ? "teal"
          : form.values.bant[criterion].state === "not_met"
            ? "red"
            : undefined
      }
    />
  );

  const details: Record<BantCriterion, ReactNode> = {
    budget: (
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <NumberField
          label={t("bant.budgetAmount")}
          rules={MONEY_RULES}
          currency={form.values.bant.budget.currency}
          disabled={readOnly}
          style={{ flex: 1 }}
          {...form.getInputProps("bant.budget.amount")}
        />
        <Select
          label={t("leads.fields.currency")}
          data={[...COMMON_CURRENCIES]}
          allowDeselect={false}
          disabled={readOnly}
          w={96}
          {...form.getInputProps("bant.budget.currency")}
        />
      </Group>
    ),
    authority: (
      <TextInput
        label={t("bant.authorityDetail")}
        disabled={readOnly}
        {...form.getInputProps("bant.authority.detail")}
      />
    ),
    need: (
      <Textarea
        label={t("bant.needDetail")}
        autosize
        minRows={1}
        maxRows={4}
        disabled={readOnly}
        {...form.getInputProps("bant.need.detail")}
      />
    ),
    timeline: (
      <DatePickerInput
        label={t("bant.timelineDate")}
        clearable
        valueFormat="ll"
        disabled={readOnly}
        {...form.getInputProps("bant.timeline.date")}
      />
    ),
  };

  return (
    <LeadCard
      title={t("bant.title")}
      actions={
        <Group gap="xs">
          {lead.bantQualified ? (
            <Badge color="teal" variant="light">
              {t("bant.qualified")}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {t("bant.metCount", {
                count: BANT_CRITERIA.filter((c) => lead.bant[c].state === "met").length,
              })}
            </Text>
          )}
          <BantIndicator bant={form.values.bant} size="md" />
        </Group>
      }
    >
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {BANT_CRITERIA.map((criterion) => (
            <Paper key={criterion} withBorder radius="md" p="sm" bg="var(--mantine-color-default-hover)">
              <Stack gap={8}>
                <Text size="sm" fw={600}>
                  {t(`bant.criterion.${criterion}`)}
                </Text>
                {stateControl(criterion)}
                {details[criterion]}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
        {!readOnly && (
          <Group justify="flex-end" mt="sm">
            {form.isDirty() && (
              <Button variant="default" onClick={form.reset}>
                {t("common.reset")}
              </Button>
            )}
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t("bant.save")}
            </Button>
          </Group>
        )}
      </form>
    </LeadCard>
  );
}
