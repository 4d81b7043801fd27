import { Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { MONEY_RULES } from "@shared/locale-number";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { useErrorFocus } from "@web/components/use-error-focus";
import { CompanyPicker } from "@web/features/companies/company-picker";
import { contactDisplayName } from "@web/features/contacts/contacts-api";
import { useContact } from "@web/features/contacts/use-contacts";
import type { CustomFormValues } from "@web/features/custom-fields/custom-field-form-values";
import { CustomFieldInputs } from "@web/features/custom-fields/custom-field-inputs";
import { useCustomFormFields } from "@web/features/custom-fields/use-custom-form-fields";
import { COMMON_CURRENCIES } from "@web/features/leads/lead-model";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { defaultPipeline, usePipelines } from "@web/features/pipelines/use-pipelines";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DealContactsField } from "./deal-contacts-field";
import { contactsError, createDealBody, type DealCreateValues, moneyError } from "./deal-form-values";
import type { Deal } from "./deals-api";
import { useCreateDeal } from "./use-deals";

export interface DealCreateDefaults {
  pipelineId?: string;
  stageId?: string;
  companyId?: string;
  contactId?: string;
  /** Shown for the default contact until the picker has loaded it. */
  contactName?: string;
  title?: string;
}

interface DealCreateModalProps {
  opened: boolean;
  onClose: () => void;
  /** Prefills, e.g. the column a "+" on the board belongs to, or the company whose file is open. */
  defaults?: DealCreateDefaults;
  /** Called with the new deal after the dialog closed; without it nothing else happens. */
  onCreated?: (deal: Deal) => void;
}

export function DealCreateModal({ opened, onClose, defaults, onCreated }: DealCreateModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("deal.create.title")} size="lg">
      {/* Mounted only while open, so every new deal starts from the defaults. */}
      {opened && <DealCreateForm defaults={defaults} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function DealCreateForm({ defaults, onClose, onCreated }: Omit<DealCreateModalProps, "opened">) {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const pipelines = usePipelines();
  const { owners, canChangeOwner } = useOwnerOptions("deal");
  const create = useCreateDeal();
  const form = useForm<DealCreateValues & { customFields: CustomFormValues }>({
    initialValues: {
      title: defaults?.title ?? "",
      pipelineId: defaults?.pipelineId ?? null,
      stageId: defaults?.stageId ?? null,
      amount: { amount: "", currency: "EUR" },
      expectedCloseDate: null,
      companyId: defaults?.companyId ?? null,
      contacts: defaults?.contactId
        ? [{ contactId: defaults.contactId, name: defaults.contactName ?? "", isPrimary: true }]
        : [],
      ownerId: owners[0]?.id ?? null,
      customFields: {},
    },
    validate: {
      title: (value) => (value.trim() ? null : t("validation.required")),
      pipelineId: (value) => (value ? null : t("validation.required")),
      stageId: (value) => (value ? null : t("validation.required")),
      amount: { amount: (_amount, values) => moneyError(values.amount, numbers) },
    },
  });

  const custom = useCustomFormFields("deal", {
    current: () => form.getValues().customFields,
    set: (values) => form.setFieldValue("customFields", values),
  });

  // A contact given by id only gets its name once loaded.
  const defaultContact = useContact(defaults?.contactId ?? null);
  useEffect(() => {
    const contact = defaultContact.data;
    if (!contact) return;
    const name = contactDisplayName(contact);
    form.setFieldValue("contacts", (list) =>
      list.map((c) => (c.contactId === contact.id && !c.name ? { ...c, name } : c)),
    );
  }, [defaultContact.data, form.setFieldValue]);

  const pipelineId = form.getValues().pipelineId;
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId);

  // Once the pipelines are there: the default pipeline and its first stage, unless given.
  useEffect(() => {
    const values = form.getValues();
    const chosen = pipelines.data?.find((p) => p.id === values.pipelineId) ?? defaultPipeline(pipelines.data);
    if (!chosen) return;
    if (values.pipelineId !== chosen.id) form.setFieldValue("pipelineId", chosen.id);
    if (!chosen.stages.some((s) => s.id === values.stageId)) {
      form.setFieldValue("stageId", chosen.stages[0]?.id ?? null);
    }
  }, [pipelines.data, form.getValues, form.setFieldValue]);

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit(async (values) => {
    try {
      const deal = await create.mutateAsync({
        ...createDealBody(values, numbers),
        customFields: custom.body(values.customFields),
      });
      notifySuccess(t("deal.create.created", { title: deal.title }));
      onClose();
      onCreated?.(deal);
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t("deal.fields.title")} required data-autofocus {...form.getInputProps("title")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("deal.fields.pipeline")}
            required
            allowDeselect={false}
            data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            {...form.getInputProps("pipelineId")}
            onChange={(id) => {
              const next = pipelines.data?.find((p) => p.id === id);
              form.setFieldValue("pipelineId", id);
              form.setFieldValue("stageId", next?.stages[0]?.id ?? null);
            }}
          />
          <Select
            label={t("deal.fields.stage")}
            required
            allowDeselect={false}
            data={(pipeline?.stages ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} (${s.probability} %)`,
            }))}
            {...form.getInputProps("stageId")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="nowrap">
            <NumberField
              label={t("deal.fields.amount")}
              rules={MONEY_RULES}
              currency={form.getValues().amount.currency}
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
          <DatePickerInput
            label={t("deal.fields.expectedCloseDate")}
            clearable
            valueFormat="ll"
            {...form.getInputProps("expectedCloseDate")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <CompanyPicker
            label={t("deal.fields.company")}
            value={form.getValues().companyId}
            onChange={(id) => form.setFieldValue("companyId", id)}
            error={form.errors.companyId}
          />
          <Select
            label={t("deal.fields.owner")}
            data={owners.map((o) => ({ value: o.id, label: o.name }))}
            searchable
            clearable
            disabled={!canChangeOwner}
            placeholder={t("deal.fields.noOwner")}
            {...form.getInputProps("ownerId")}
          />
        </SimpleGrid>
        <DealContactsField
          value={form.getValues().contacts}
          onChange={(contacts) => form.setFieldValue("contacts", contacts)}
          error={contactsError(form.errors)}
        />
        <CustomFieldInputs
          fields={custom.fields}
          inputProps={(path, options) => form.getInputProps(path, options)}
        />
        <FormActions
          onCancel={onClose}
          submitting={form.submitting}
          submitLabel={t("deal.create.submit")}
          mt="xs"
        />
      </Stack>
    </form>
  );
}
