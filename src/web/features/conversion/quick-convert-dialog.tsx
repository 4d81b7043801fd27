import { Alert, Button, Group, Loader, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { QueryError } from "@web/components/query-error";
import { useTranslation } from "react-i18next";
import type { ConversionSuggestions } from "./conversion-api";
import {
  companyOptions,
  companyPart,
  contactOptions,
  contactPart,
  defaultCompanyChoice,
  defaultContactChoice,
} from "./conversion-choices";
import { RecordChoice } from "./record-choice";
import { useConversionSuggestions, useConvertLead } from "./use-conversion";

export interface QuickConvertDialogProps {
  leadId: string;
  pipelineId: string;
  stageId: string;
  opened: boolean;
  onClose: () => void;
  onConverted: (dealId: string) => void;
}

/**
 * The short confirm after dragging a qualified lead onto a board stage: contact and company (prefilled
 * from the suggestions) and the deal title; the deal is created in that stage.
 */
export function QuickConvertDialog(props: QuickConvertDialogProps) {
  const { t } = useTranslation();
  const suggestions = useConversionSuggestions(props.leadId, props.opened);
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("conversion.quick.title")} size="md">
      {suggestions.isPending ? (
        <Group justify="center" p="lg">
          <Loader size="sm" aria-label={t("conversion.loading")} />
        </Group>
      ) : suggestions.isError ? (
        <QueryError error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : (
        // Keyed by lead, so each dragged lead starts from its own prefill.
        <QuickConvertForm key={props.leadId} {...props} suggestions={suggestions.data} />
      )}
    </Modal>
  );
}

interface QuickValues {
  contact: string;
  company: string;
  deal: { title: string };
}

function QuickConvertForm({
  leadId,
  pipelineId,
  stageId,
  onClose,
  onConverted,
  suggestions,
}: QuickConvertDialogProps & { suggestions: ConversionSuggestions }) {
  const { t } = useTranslation();
  const convert = useConvertLead(leadId);
  const form = useForm<QuickValues>({
    initialValues: {
      contact: defaultContactChoice(suggestions),
      company: defaultCompanyChoice(suggestions),
      deal: { title: suggestions.prefill.deal.title },
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const result = await convert.mutateAsync({
        contact: contactPart(values.contact),
        company: companyPart(values.company),
        deal: { title: values.deal.title, pipelineId, stageId },
      });
      notifySuccess(t("conversion.done"));
      if (result.deal) onConverted(result.deal.id);
      onClose();
    } catch (error) {
      showFormError(form, error);
    }
  });

  const missingName = form.getValues().contact === "new" && !suggestions.prefill.contact.lastName;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("conversion.quick.intro")}
        </Text>
        <RecordChoice
          label={t("conversion.contact.label")}
          value={form.getValues().contact}
          options={contactOptions(suggestions, t)}
          onChange={(v) => form.setFieldValue("contact", v)}
        />
        {missingName && (
          <Alert color="yellow" variant="light">
            {t("conversion.contact.missingName")}
          </Alert>
        )}
        <RecordChoice
          label={t("conversion.company.label")}
          value={form.getValues().company}
          options={companyOptions(suggestions, t)}
          onChange={(v) => form.setFieldValue("company", v)}
        />
        <TextInput
          label={t("conversion.deal.title")}
          required
          maxLength={200}
          {...form.getInputProps("deal.title")}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={convert.isPending} disabled={missingName}>
            {t("conversion.quick.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
