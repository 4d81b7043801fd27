import {
  Button,
  Collapse,
  Divider,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLink, IconLinkOff } from "@tabler/icons-react";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useNumberReader } from "@web/components/number-field";
import { useErrorFocus } from "@web/components/use-error-focus";
import { CompanyPicker } from "@web/features/companies/company-picker";
import {
  type CustomFormValues,
  customFieldsBody,
  customFormValues,
} from "@web/features/custom-fields/custom-field-form-values";
import { CustomFieldInputs } from "@web/features/custom-fields/custom-field-inputs";
import { useCustomFields } from "@web/features/custom-fields/use-custom-fields";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import {
  EMPTY_PERSON,
  type InquiryValues,
  inquiryBody,
  inquiryValidation,
  type PersonValues,
  personBody,
} from "../lead-form-values";
import { LeadInquiryFields } from "../lead-inquiry-fields";
import { isLifecycleStage, LIFECYCLE_STAGES, type LifecycleStage, leadDisplayName } from "../lead-model";
import { LeadPersonFields } from "../lead-person-fields";
import type { LeadMatch, LeadMatchQuery } from "../leads-api";
import { useCreateLead, useLeadMatches } from "../use-leads";
import { useOwnerOptions } from "../use-owner-options";
import { LeadMatchHint } from "./lead-match-hint";

type CreateValues = PersonValues &
  InquiryValues & {
    ownerId: string | null;
    lifecycleStage: LifecycleStage;
    contactId: string | null;
    companyId: string | null;
    customFields: CustomFormValues;
  };

interface LinkedRecord {
  id: string;
  name: string;
}

/** What a new lead starts with when it is created from a contact's or a company's page. */
export interface LeadCreateInitial {
  contact?: LinkedRecord;
  company?: LinkedRecord;
}

const looksLikeEmail = (value: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim());

export function LeadCreateForm({ onDone, initial }: { onDone: () => void; initial?: LeadCreateInitial }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createLead = useCreateLead();
  const { owners, canChangeOwner } = useOwnerOptions("lead");
  const [linked, setLinked] = useState<LinkedRecord | null>(initial?.contact ?? null);
  const [showPerson, setShowPerson] = useState(!initial?.contact);
  const [matchQuery, setMatchQuery] = useState<LeadMatchQuery>({});
  const matches = useLeadMatches(matchQuery);
  const numbers = useNumberReader();
  const { fields: customFields } = useCustomFields("lead");
  const form = useForm<CreateValues>({
    validate: inquiryValidation(numbers),
    initialValues: {
      ...EMPTY_PERSON,
      companyName: initial?.company?.name ?? "",
      interest: "",
      source: "manual",
      sourceDetail: "",
      estimatedValue: { amount: "", currency: "EUR" },
      tags: [],
      ownerId: null,
      lifecycleStage: "mal",
      contactId: initial?.contact?.id ?? null,
      companyId: initial?.company?.id ?? null,
      customFields: customFormValues(customFields, {}, numbers),
    },
  });
  // The definitions may arrive after the form was made: every field needs its key (errors land there).
  const customKeys = customFields.map((f) => f.key).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled when the set of fields changes, not on every render
  useEffect(() => {
    if (Object.keys(form.getValues().customFields).join(",") !== customKeys)
      form.setFieldValue("customFields", customFormValues(customFields, {}, numbers));
  }, [customKeys]);

  /** Looks for duplicates once the user leaves an email or phone field (not on every keystroke). */
  const checkMatches = () => {
    const { email, phone, mobile } = form.getValues();
    setMatchQuery({
      ...(looksLikeEmail(email) ? { email: email.trim() } : {}),
      ...(phone.trim().length >= 5 ? { phone: phone.trim() } : {}),
      ...(mobile.trim().length >= 5 ? { mobile: mobile.trim() } : {}),
    });
  };

  const link = (match: LeadMatch) => {
    setLinked(match);
    form.setFieldValue("contactId", match.id);
    setShowPerson(false);
  };
  const unlink = () => {
    setLinked(null);
    form.setFieldValue("contactId", null);
    setShowPerson(true);
  };

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit(async (values) => {
    try {
      const lead = await createLead.mutateAsync({
        ...personBody(values),
        ...inquiryBody(values, numbers),
        ownerId: values.ownerId,
        lifecycleStage: values.lifecycleStage,
        contactId: values.contactId,
        companyId: values.companyId,
        customFields: customFieldsBody(customFields, values.customFields, numbers),
      });
      notifySuccess(t("leads.create.created", { name: leadDisplayName(lead) || linked?.name || "" }));
      onDone();
      await navigate(`/leads/${lead.id}`);
    } catch (error) {
      // A field error in the hidden person part must be seen.
      setShowPerson(true);
      showFormError(form, error);
    }
  });

  const openMatches = (matches.data ?? []).filter((m) => !(m.kind === "contact" && m.id === linked?.id));

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h5">
            {t("leads.create.person")}
          </Title>
          {linked && (
            <Button variant="subtle" size="compact-sm" onClick={() => setShowPerson((v) => !v)}>
              {showPerson ? t("leads.create.hidePerson") : t("leads.create.showPerson")}
            </Button>
          )}
        </Group>
        {linked ? (
          <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-teal-light)">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="xs" wrap="nowrap" align="flex-start" style={{ flex: 1, minWidth: 0 }}>
                <IconLink size={18} aria-hidden />
                <div>
                  <Text size="sm" fw={600}>
                    {t("leads.create.linked", { name: linked.name })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t("leads.create.linkedHint")}
                  </Text>
                </div>
              </Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconLinkOff size={14} aria-hidden />}
                onClick={unlink}
                style={{ flexShrink: 0 }}
              >
                {t("leads.create.unlink")}
              </Button>
            </Group>
          </Paper>
        ) : (
          <Text size="xs" c="dimmed">
            {t("leads.create.whoHint")}
          </Text>
        )}
        <LeadMatchHint matches={openMatches} onLinkContact={link} onOpenLead={onDone} />
        <Collapse expanded={showPerson}>
          <LeadPersonFields
            inputProps={(path) => form.getInputProps(path)}
            onReachBlur={checkMatches}
            autoFocus={!initial?.contact}
          />
        </Collapse>
        <CompanyPicker
          label={t("leads.fields.company")}
          description={t("leads.create.companyHint")}
          value={form.getValues().companyId}
          onChange={(id, company) => {
            form.setFieldValue("companyId", id);
            // The free company name follows the record unless the user typed one of their own.
            if (company && !form.getValues().companyName.trim())
              form.setFieldValue("companyName", company.name);
          }}
          error={form.errors.companyId}
        />
        <Divider />
        <Title order={3} size="h5">
          {t("leads.create.inquiry")}
        </Title>
        <LeadInquiryFields inputProps={(path) => form.getInputProps(path)} />
        <CustomFieldInputs
          fields={customFields}
          inputProps={(path, options) => form.getInputProps(path, options)}
        />
        <Divider />
        <Title order={3} size="h5">
          {t("leads.create.assignment")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("leads.fields.owner")}
            placeholder={t("leads.create.ownerPlaceholder")}
            data={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
            clearable
            searchable
            disabled={!canChangeOwner}
            {...form.getInputProps("ownerId")}
          />
          <Select
            label={t("leads.fields.lifecycleStage")}
            data={LIFECYCLE_STAGES.map((stage) => ({
              value: stage,
              label: `${t(`leads.lifecycle.${stage}`)} – ${t(`leads.lifecycleName.${stage}`)}`,
            }))}
            allowDeselect={false}
            {...form.getInputProps("lifecycleStage")}
            onChange={(value) => {
              if (isLifecycleStage(value)) form.setFieldValue("lifecycleStage", value);
            }}
          />
        </SimpleGrid>
        <FormActions
          onCancel={onDone}
          submitting={form.submitting}
          submitLabel={t("leads.create.submit")}
          mt="xs"
          // The form is longer than a laptop screen: saving needs no scroll down (issue #15 point 4).
          sticky
        />
      </Stack>
    </form>
  );
}
