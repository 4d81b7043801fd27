import {
  Checkbox,
  Collapse,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { DatePickerInput, TimeInput } from "@mantine/dates";
import type { UseFormReturnType } from "@mantine/form";
import { MONEY_RULES } from "@shared/locale-number";
import { NumberField } from "@web/components/number-field";
import { COMMON_CURRENCIES } from "@web/features/leads/lead-model";
import { defaultPipeline, usePipelines } from "@web/features/pipelines/use-pipelines";
import { useTranslation } from "react-i18next";
import type { ConversionSuggestions } from "./conversion-api";
import { companyOptions, contactOptions, NEW } from "./conversion-choices";
import { type ConvertValues, DURATIONS } from "./convert-form-values";
import { defaultMergeValues } from "./merge-choices";
import { RecordChoice } from "./record-choice";

type Form = UseFormReturnType<ConvertValues>;
interface SectionProps {
  form: Form;
  suggestions: ConversionSuggestions;
}

export function ContactSection({ form, suggestions }: SectionProps) {
  const { t } = useTranslation();
  const values = form.getValues();
  const field = (name: keyof ConvertValues["contact"]["create"], label: string, extra = {}) => (
    <TextInput label={label} {...extra} {...form.getInputProps(`contact.create.${name}`)} />
  );
  return (
    <Stack gap="sm">
      <RecordChoice
        label={t("conversion.contact.label")}
        value={values.contact.choice}
        options={contactOptions(suggestions, t)}
        onChange={(v) => {
          form.setFieldValue("contact.choice", v);
          form.setFieldValue("merge.contact", defaultMergeValues(suggestions, "contact", v));
        }}
        error={form.errors["contact.choice"]}
      />
      <Collapse expanded={values.contact.choice === NEW}>
        <Stack
          gap="xs"
          pl="md"
          py={4}
          style={{ borderLeft: "2px solid var(--mantine-color-default-border)" }}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            {field("salutation", t("leads.fields.salutation"))}
            {field("title", t("leads.fields.title"))}
            {field("firstName", t("leads.fields.firstName"))}
            {field("lastName", t("leads.fields.lastName"), { required: true })}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {field("jobTitle", t("leads.fields.jobTitle"))}
            {field("department", t("leads.fields.department"))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            {field("email", t("leads.fields.email"), { type: "email" })}
            {field("phone", t("leads.fields.phone"), { type: "tel" })}
            {field("mobile", t("leads.fields.mobile"), { type: "tel" })}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t("conversion.contact.carried")}
          </Text>
        </Stack>
      </Collapse>
    </Stack>
  );
}

export function CompanySection({ form, suggestions }: SectionProps) {
  const { t } = useTranslation();
  const values = form.getValues();
  return (
    <Stack gap="sm">
      <RecordChoice
        label={t("conversion.company.label")}
        value={values.company.choice}
        options={companyOptions(suggestions, t)}
        onChange={(v) => {
          form.setFieldValue("company.choice", v);
          form.setFieldValue("merge.company", defaultMergeValues(suggestions, "company", v));
        }}
        error={form.errors["company.choice"]}
      />
      <Collapse expanded={values.company.choice === NEW}>
        <SimpleGrid
          cols={{ base: 1, xs: 2 }}
          spacing="xs"
          pl="md"
          py={4}
          style={{ borderLeft: "2px solid var(--mantine-color-default-border)" }}
        >
          <TextInput
            label={t("conversion.company.name")}
            required
            {...form.getInputProps("company.create.name")}
          />
          <TextInput label={t("leads.fields.website")} {...form.getInputProps("company.create.website")} />
          <TextInput
            label={t("leads.fields.phone")}
            type="tel"
            {...form.getInputProps("company.create.phone")}
          />
        </SimpleGrid>
      </Collapse>
    </Stack>
  );
}

export function DealSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const values = form.getValues().deal;
  const pipeline =
    pipelines.data?.find((p) => p.id === values.pipelineId) ?? defaultPipeline(pipelines.data ?? []);
  const setPipeline = (id: string | null) => {
    const next = pipelines.data?.find((p) => p.id === id);
    form.setFieldValue("deal.pipelineId", id);
    form.setFieldValue("deal.stageId", next?.stages[0]?.id ?? null);
  };
  return (
    <Stack gap="sm">
      <Checkbox
        label={t("conversion.deal.create")}
        {...form.getInputProps("deal.enabled", { type: "checkbox" })}
      />
      <Collapse expanded={values.enabled}>
        <Stack
          gap="xs"
          pl="md"
          py={4}
          style={{ borderLeft: "2px solid var(--mantine-color-default-border)" }}
        >
          <TextInput
            label={t("conversion.deal.title")}
            required
            maxLength={200}
            {...form.getInputProps("deal.title")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Select
              label={t("conversion.deal.pipeline")}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              allowDeselect={false}
              {...form.getInputProps("deal.pipelineId")}
              value={pipeline?.id ?? null}
              onChange={setPipeline}
            />
            <Select
              label={t("conversion.deal.stage")}
              data={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
              allowDeselect={false}
              {...form.getInputProps("deal.stageId")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <NumberField
              label={t("conversion.deal.amount")}
              rules={MONEY_RULES}
              currency={form.getValues().deal.currency}
              {...form.getInputProps("deal.amount")}
            />
            <Select
              label={t("conversion.deal.currency")}
              data={[...COMMON_CURRENCIES]}
              allowDeselect={false}
              {...form.getInputProps("deal.currency")}
            />
            <DatePickerInput
              label={t("conversion.deal.expectedClose")}
              clearable
              valueFormat="ll"
              {...form.getInputProps("deal.expectedCloseDate")}
            />
          </SimpleGrid>
        </Stack>
      </Collapse>
    </Stack>
  );
}

export function AppointmentSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const values = form.getValues().appointment;
  return (
    <Stack gap="sm">
      <Checkbox
        label={t("conversion.appointment.create")}
        {...form.getInputProps("appointment.enabled", { type: "checkbox" })}
      />
      <Collapse expanded={values.enabled}>
        <Stack
          gap="xs"
          pl="md"
          py={4}
          style={{ borderLeft: "2px solid var(--mantine-color-default-border)" }}
        >
          <Group gap="sm" align="flex-end" wrap="wrap">
            <SegmentedControl
              aria-label={t("conversion.appointment.type")}
              data={[
                { value: "meeting", label: t("conversion.appointment.meeting") },
                { value: "call", label: t("conversion.appointment.call") },
              ]}
              {...form.getInputProps("appointment.type")}
            />
            <TextInput
              style={{ flex: 1, minWidth: 200 }}
              label={t("conversion.appointment.subject")}
              {...form.getInputProps("appointment.subject")}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <DatePickerInput
              label={t("conversion.appointment.date")}
              valueFormat="ll"
              required
              {...form.getInputProps("appointment.date")}
            />
            <TimeInput
              label={t("conversion.appointment.time")}
              required
              {...form.getInputProps("appointment.time")}
            />
            <Select
              label={t("conversion.appointment.duration")}
              data={DURATIONS.map((d) => ({
                value: d,
                label: t("conversion.appointment.minutes", { count: Number(d) }),
              }))}
              allowDeselect={false}
              {...form.getInputProps("appointment.duration")}
            />
          </SimpleGrid>
        </Stack>
      </Collapse>
    </Stack>
  );
}
