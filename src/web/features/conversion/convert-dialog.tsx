import { Button, Divider, Grid, Group, Loader, Modal, Stack, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useNumberReader } from "@web/components/number-field";
import { QueryError } from "@web/components/query-error";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import type { ConversionResult, ConversionSuggestions } from "./conversion-api";
import {
  type ConvertValues,
  dealAmountError,
  initialValues,
  onDialogFields,
  toRequest,
} from "./convert-form-values";
import { AppointmentSection, CompanySection, ContactSection, DealSection } from "./convert-sections";
import { MergePreview } from "./merge-preview";
import { useConversionSuggestions, useConvertLead } from "./use-conversion";

interface ConvertDialogProps {
  leadId: string;
  leadName: string;
  opened: boolean;
  onClose: () => void;
  onConverted?: (result: ConversionResult) => void;
}

/** Converts a lead: contact (new or suggested), company (new, suggested or none), optional deal and appointment. */
export function ConvertDialog({ leadId, leadName, opened, onClose, onConverted }: ConvertDialogProps) {
  const { t } = useTranslation();
  const suggestions = useConversionSuggestions(leadId, opened);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("conversion.dialog.title", { name: leadName })}
      size={1180}
    >
      {suggestions.isPending ? (
        <Group justify="center" p="lg">
          <Loader size="sm" aria-label={t("conversion.loading")} />
        </Group>
      ) : suggestions.isError ? (
        <QueryError error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : (
        // Mounted per opening with fresh suggestions, so the prefill is current.
        opened && (
          <ConvertForm
            leadId={leadId}
            leadName={leadName}
            suggestions={suggestions.data}
            onClose={onClose}
            onConverted={onConverted}
          />
        )
      )}
    </Modal>
  );
}

function ConvertForm({
  leadId,
  leadName,
  suggestions,
  onClose,
  onConverted,
}: Omit<ConvertDialogProps, "opened"> & { suggestions: ConversionSuggestions }) {
  const { t } = useTranslation();
  const convert = useConvertLead(leadId);
  const numbers = useNumberReader();
  const format = useFormat();
  const form = useForm<ConvertValues>({
    initialValues: initialValues(
      suggestions,
      t("conversion.appointment.defaultSubject", { name: leadName }),
      numbers,
    ),
    validate: { deal: { amount: (_amount, values) => dealAmountError(values, numbers) } },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      const result = await convert.mutateAsync(toRequest(values, numbers));
      // The confirmation names the appointment the conversion made, in the user's date format (issue #15).
      const appointment = result.appointment;
      const when = appointment?.occursAt;
      notifySuccess(
        appointment && when
          ? t("conversion.doneWithAppointment", { subject: appointment.subject, when: format.dateTime(when) })
          : t("conversion.done"),
      );
      onConverted?.(result);
      onClose();
    } catch (error) {
      showFormError(form, onDialogFields(error, values));
    }
  });
  const section = (title: string) => (
    <Title order={3} size="h5">
      {title}
    </Title>
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              {section(t("conversion.sections.contact"))}
              <ContactSection form={form} suggestions={suggestions} />
              <Divider />
              {section(t("conversion.sections.company"))}
              <CompanySection form={form} suggestions={suggestions} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              {section(t("conversion.sections.deal"))}
              <DealSection form={form} />
              <Divider />
              {section(t("conversion.sections.appointment"))}
              <AppointmentSection form={form} />
            </Stack>
          </Grid.Col>
        </Grid>
        {/* Full width: the lead's and the record's values side by side need the room. */}
        <MergePreview form={form} suggestions={suggestions} />
        {/* Stays in view while the dialog scrolls, so the way out is always visible. */}
        <Group
          justify="space-between"
          gap="xs"
          py="sm"
          style={{
            position: "sticky",
            bottom: 0,
            zIndex: 2,
            background: "var(--mantine-color-body)",
            borderTop: "1px solid var(--mantine-color-default-border)",
          }}
        >
          <Title order={4} size="sm" c="dimmed" fw={400}>
            {t("conversion.dialog.final")}
          </Title>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={convert.isPending}>
              {t("conversion.dialog.submit")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
