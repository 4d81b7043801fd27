import { Modal } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LeadCreateForm, type LeadCreateInitial } from "./lead-create-form";

interface LeadCreateModalProps {
  opened: boolean;
  onClose: () => void;
  /** A contact and/or company the new lead is about, e.g. when started from their page. */
  initial?: LeadCreateInitial;
}

export function LeadCreateModal({ opened, onClose, initial }: LeadCreateModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("leads.create.title")} size="xl">
      {/* Mounted only while open, so every new lead starts from an empty form. */}
      {opened && <LeadCreateForm onDone={onClose} initial={initial} />}
    </Modal>
  );
}
