import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle } from "@tabler/icons-react";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import { gdprApi, type SubjectType } from "./gdpr-api";
import { usePrivacyMutation } from "./use-privacy";

/**
 * Art. 17: the admin gives the reason (kept in the processing log) and types the person's name, so
 * an erasure is never one click away.
 */
export function EraseModal({
  type,
  id,
  name,
  opened,
  onClose,
}: {
  type: SubjectType;
  id: string;
  name: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { reason: "", confirmName: "" } });
  const erase = usePrivacyMutation(type, id, (reason: string) => gdprApi.erase(type, id, reason), true);
  const matches = form.values.confirmName.trim() === name.trim();
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("gdpr.erase.title")} centered size="lg">
      <form
        onSubmit={form.onSubmit((values) => {
          if (!matches) return;
          erase.mutate(values.reason, {
            onSuccess: () => {
              notifySuccess(t("gdpr.erase.done"));
              close();
            },
            onError: (error) => showFormError(form, error),
          });
        })}
      >
        <Stack gap="sm">
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {t("gdpr.erase.warning")}
          </Alert>
          <Textarea
            label={t("gdpr.erase.reason")}
            description={t("gdpr.erase.reasonHint")}
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps("reason")}
          />
          <TextInput
            label={t("gdpr.erase.confirmLabel", { name })}
            autoComplete="off"
            {...form.getInputProps("confirmName")}
          />
          <Text size="xs" c="dimmed">
            {t("gdpr.erase.confirmHint")}
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={erase.isPending}>
              {t("gdpr.erase.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
