import { LEGAL_BASES, type LegalBasis } from "@domain/gdpr/gdpr-types";
import { Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import { gdprApi, type SubjectType } from "./gdpr-api";
import { usePrivacyMutation } from "./use-privacy";

interface ConsentValues {
  purpose: string;
  legalBasis: LegalBasis;
  source: string;
  policyVersion: string;
}

/** Records a consent (or another legal basis) given by phone, on paper, at a fair … */
export function ConsentModal({
  type,
  id,
  opened,
  onClose,
}: {
  type: SubjectType;
  id: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<ConsentValues>({
    initialValues: { purpose: "", legalBasis: "consent", source: "", policyVersion: "" },
  });
  const add = usePrivacyMutation(type, id, (values: ConsentValues) =>
    gdprApi.addConsent(type, id, {
      purpose: values.purpose,
      legalBasis: values.legalBasis,
      source: values.source,
      ...(values.policyVersion.trim() ? { policyVersion: values.policyVersion } : {}),
    }),
  );
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("gdpr.consent.addTitle")} centered>
      <form
        onSubmit={form.onSubmit((values) =>
          add.mutate(values, {
            onSuccess: () => {
              notifySuccess(t("gdpr.consent.added"));
              close();
            },
            onError: (error) => showFormError(form, error),
          }),
        )}
      >
        <Stack gap="sm">
          <TextInput
            label={t("gdpr.consent.purpose")}
            placeholder={t("gdpr.consent.purposePlaceholder")}
            required
            data-autofocus
            {...form.getInputProps("purpose")}
          />
          <Select
            label={t("gdpr.consent.legalBasis")}
            data={LEGAL_BASES.map((basis) => ({ value: basis, label: t(`gdpr.legalBasis.${basis}`) }))}
            allowDeselect={false}
            {...form.getInputProps("legalBasis")}
          />
          <TextInput
            label={t("gdpr.consent.source")}
            placeholder={t("gdpr.consent.sourcePlaceholder")}
            required
            {...form.getInputProps("source")}
          />
          <TextInput label={t("gdpr.consent.policyVersion")} {...form.getInputProps("policyVersion")} />
          <FormActions onCancel={close} submitting={add.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
