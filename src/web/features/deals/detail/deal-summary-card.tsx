import { Button, Group, Select, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useMergedRef } from "@mantine/hooks";
import { MONEY_RULES, PERCENT_RULES } from "@shared/locale-number";
import { IconArrowBackUp } from "@tabler/icons-react";
import { FormActions } from "@web/components/form-actions";
import { notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { SectionCard } from "@web/components/section-card";
import { useErrorFocus } from "@web/components/use-error-focus";
import { useInitialFocus } from "@web/components/use-initial-focus";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { COMMON_CURRENCIES } from "@web/features/leads/lead-model";
import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDealMoney } from "../board/board-format";
import { type MoneyValue, moneyBody, moneyError, moneyValue } from "../deal-form-values";
import type { UpdateDealRequest } from "../deals-api";
import { useDealEditor } from "./deal-editor-context";

/** The stage's own probability, for "back to the stage default". */
function useStageProbability(pipelineId: string, stageId: string): number | null {
  const pipelines = usePipelines();
  const stage = pipelines.data?.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
  return stage?.probability ?? null;
}

/** Amount, probability (the stage's unless overridden), expected close and description; editable. */
export function DealSummaryCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const { deal, save, fail } = useDealEditor();
  const [editing, setEditing] = useState(false);
  const stageProbability = useStageProbability(deal.pipelineId, deal.stageId);

  const resetProbability = async () => {
    try {
      await save({ probability: null });
      notifySuccess(t("deal.detail.probabilityReset"));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <SectionCard
      title={t("deal.detail.details")}
      actions={
        editing || !deal.abilities.update ? undefined : (
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
        )
      }
    >
      {editing ? (
        <DetailsForm stageProbability={stageProbability} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm">
          <LeadDataList
            items={[
              { label: t("deal.fields.amount"), value: formatDealMoney(format, deal.amount) },
              {
                label: t("deal.fields.probability"),
                value: (
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" span>
                      {deal.status !== "open"
                        ? t("deal.detail.probabilityOfClosed", { value: deal.probability })
                        : deal.probabilityOverride === null
                          ? t("deal.detail.probabilityFromStage", { value: deal.probability })
                          : t("deal.detail.probabilityOverridden", {
                              value: deal.probability,
                              stage: stageProbability ?? "?",
                            })}
                    </Text>
                    {deal.status === "open" && deal.probabilityOverride !== null && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        leftSection={<IconArrowBackUp size={14} aria-hidden />}
                        onClick={() => void resetProbability()}
                      >
                        {t("deal.detail.useStageDefault")}
                      </Button>
                    )}
                  </Group>
                ),
              },
              {
                label: t("deal.fields.expectedCloseDate"),
                value: deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : null,
              },
              {
                label: t("deal.fields.description"),
                value: deal.description ? (
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {deal.description}
                  </Text>
                ) : null,
              },
            ]}
          />
        </Stack>
      )}
    </SectionCard>
  );
}

interface DetailsValues {
  amount: MoneyValue;
  /** As typed; empty means the stage's probability. */
  probability: string;
  expectedCloseDate: string | null;
  description: string;
}

function DetailsForm({ stageProbability, onDone }: { stageProbability: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const { deal, save, fail } = useDealEditor();
  const focusRef = useInitialFocus<HTMLFormElement>();
  const form = useForm<DetailsValues>({
    initialValues: {
      amount: moneyValue(deal.amount, numbers),
      probability: numbers.format(deal.probabilityOverride, PERCENT_RULES),
      expectedCloseDate: deal.expectedCloseDate,
      description: deal.description ?? "",
    },
    validate: {
      amount: { amount: (_amount, values) => moneyError(values.amount, numbers) },
      probability: (probability) => numbers.error(probability, PERCENT_RULES),
    },
  });

  const errorFocus = useErrorFocus(form);
  const formRef = useMergedRef(focusRef, errorFocus.ref);
  const submit = form.onSubmit(async (values) => {
    const body: Omit<UpdateDealRequest, "version"> = {};
    if (form.isDirty("amount")) body.amount = moneyBody(values.amount, numbers);
    if (form.isDirty("probability")) {
      const reading = numbers.read(values.probability, PERCENT_RULES);
      body.probability = reading.kind === "number" ? reading.value : null;
    }
    if (form.isDirty("expectedCloseDate")) body.expectedCloseDate = values.expectedCloseDate || null;
    if (form.isDirty("description")) body.description = values.description;
    try {
      if (Object.keys(body).length > 0) await save(body);
      notifySuccess(t("deal.detail.saved"));
      onDone();
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <form onSubmit={submit} onSubmitCapture={errorFocus.arm} noValidate ref={formRef}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="nowrap">
            <NumberField
              label={t("deal.fields.amount")}
              rules={MONEY_RULES}
              currency={form.getValues().amount.currency}
              data-autofocus
              {...form.getInputProps("amount.amount")}
            />
            <Select
              label={t("deal.fields.currency")}
              data={[...COMMON_CURRENCIES]}
              allowDeselect={false}
              searchable
              maw={100}
              {...form.getInputProps("amount.currency")}
            />
          </Group>
          <NumberField
            label={t("deal.fields.probability")}
            description={t("deal.detail.probabilityHint", { stage: stageProbability ?? "?" })}
            placeholder={stageProbability === null ? undefined : `${stageProbability}`}
            rules={PERCENT_RULES}
            rightSection={
              <Text size="sm" c="dimmed" aria-hidden>
                %
              </Text>
            }
            {...form.getInputProps("probability")}
          />
          <DatePickerInput
            label={t("deal.fields.expectedCloseDate")}
            clearable
            valueFormat="ll"
            {...form.getInputProps("expectedCloseDate")}
          />
        </SimpleGrid>
        <Textarea
          label={t("deal.fields.description")}
          autosize
          minRows={2}
          maxRows={10}
          {...form.getInputProps("description")}
        />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
