import { Modal } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LeadCreateForm } from "./lead-create-form";

export function LeadCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("leads.create.title")} size="xl">
      {/* Mounted only while open, so every new lead starts from an empty form. */}
      {opened && <LeadCreateForm onDone={onClose} />}
    </Modal>
  );
}
