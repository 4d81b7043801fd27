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
  /**
   * Keeps the buttons at the bottom of the screen (or modal) while a long form scrolls, so saving
   * never needs a scroll down first (issue #15 point 4).
   */
  sticky?: boolean;
}

const STICKY = {
  position: "sticky",
  bottom: 0,
  zIndex: 2,
  background: "var(--mantine-color-body)",
  borderTop: "1px solid var(--mantine-color-default-border)",
  paddingBlock: "var(--mantine-spacing-sm)",
} as const;

/** Cancel and submit, at the end of a form. */
export function FormActions({
  onCancel,
  submitting,
  submitLabel,
  submitColor,
  mt,
  sticky = false,
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt} style={sticky ? STICKY : undefined}>
      <Button variant="default" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={submitting} color={submitColor}>
        {submitLabel ?? t("common.save")}
      </Button>
    </Group>
  );
}
