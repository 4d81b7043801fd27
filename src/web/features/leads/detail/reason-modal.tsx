import { Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { isNotEmpty, useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { UpdateLeadRequest } from "../leads-api";
import { useLeadEditor } from "./lead-editor-context";

type ReasonField = "deadReason" | "lifecycleReason";

interface ReasonModalProps {
  opened: boolean;
  title: string;
  label: string;
  submitLabel: string;
  /** Which reason the server expects; its field errors land beside the text box. */
  field: ReasonField;
  /** The change the reason belongs to (e.g. status dead, or the earlier lifecycle stage). */
  change: Omit<UpdateLeadRequest, "version" | ReasonField>;
  onClose: () => void;
  onSaved: () => void;
}

/** Asks why before a change that needs a reason: closing a lead, moving its stage back. */
export function ReasonModal({
  opened,
  title,
  label,
  submitLabel,
  field,
  change,
  onClose,
  onSaved,
}: ReasonModalProps) {
  const { t } = useTranslation();
  const { save, fail } = useLeadEditor();
  const form = useForm({
    initialValues: { deadReason: "", lifecycleReason: "" },
    validate: { [field]: isNotEmpty(t("validation.required")) },
  });

  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    try {
      await save({ ...change, [field]: values[field].trim() });
      form.reset();
      onSaved();
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Textarea
            label={label}
            required
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps(field)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button
              type="submit"
              loading={form.submitting}
              color={field === "deadReason" ? "red" : undefined}
            >
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
