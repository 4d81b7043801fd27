import { Button, Group, type MantineColor, type MantineSpacing } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface FormActionsProps {
  onCancel: () => void;
  submitting: boolean;
  /** The submit button's text; "Save" when left out. */
  submitLabel?: string;
  /** E.g. red for a submit that removes or loses something. */
  submitColor?: MantineColor;
  mt?: MantineSpacing;
}

/** Cancel and submit, at the end of a form. */
export function FormActions({ onCancel, submitting, submitLabel, submitColor, mt }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={submitting} color={submitColor}>
        {submitLabel ?? t("common.save")}
      </Button>
    </Group>
  );
}
