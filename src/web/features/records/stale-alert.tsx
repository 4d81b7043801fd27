import { Alert, Button } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface StaleAlertProps {
  /** The banner's texts; the contact and company pages' wording when left out. */
  texts?: { title: string; text: string; reload: string };
  onReload: () => void;
}

/** Someone else changed the record since it was read: the edit was refused, reload to go on. */
export function StaleAlert({ texts, onReload }: StaleAlertProps) {
  const { t } = useTranslation();
  const shown = texts ?? {
    title: t("contacts.detail.staleTitle"),
    text: t("contacts.detail.staleText"),
    reload: t("contacts.detail.reload"),
  };
  return (
    <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={shown.title} role="alert">
      {shown.text}
      <Button size="xs" variant="light" color="orange" mt="sm" display="block" onClick={onReload}>
        {shown.reload}
      </Button>
    </Alert>
  );
}
