import { Modal, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { useTranslation } from "react-i18next";
import { gdprApi, type SubjectType } from "./gdpr-api";
import { usePrivacyMutation } from "./use-privacy";

/** Art. 18: restricts processing, or lifts the restriction; either way with a reason for the log. */
export function RestrictModal({
  type,
  id,
  restricted,
  opened,
  onClose,
}: {
  type: SubjectType;
  id: string;
  /** Whether the person is restricted now (the modal then lifts it). */
  restricted: boolean;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { reason: "" } });
  const save = usePrivacyMutation(type, id, (reason: string) =>
    gdprApi.restrict(type, id, { restricted: !restricted, reason }),
  );
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t(restricted ? "gdpr.restrict.liftTitle" : "gdpr.restrict.title")}
      centered
    >
      <form
        onSubmit={form.onSubmit((values) =>
          save.mutate(values.reason, { onSuccess: close, onError: (error) => showFormError(form, error) }),
        )}
      >
        <Stack gap="sm">
          {!restricted && <div>{t("gdpr.restrict.explain")}</div>}
          <Textarea
            label={t("gdpr.restrict.reason")}
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps("reason")}
          />
          <FormActions
            onCancel={close}
            submitting={save.isPending}
            submitLabel={t(restricted ? "gdpr.restrict.lift" : "gdpr.restrict.submit")}
          />
        </Stack>
      </form>
    </Modal>
  );
}
