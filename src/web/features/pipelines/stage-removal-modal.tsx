import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export interface StageRemoval {
  stageKey: string;
  stageName: string;
  /** The stages that remain and exist already (a new stage has no id to move deals to yet). */
  targets: { id: string; name: string }[];
}

interface StageRemovalModalProps {
  removal: StageRemoval | null;
  onClose: () => void;
  onConfirm: (toStageId: string) => void;
}

/** A stage that holds deals is only removed once the user says which stage receives them. */
export function StageRemovalModal({ removal, onClose, onConfirm }: StageRemovalModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={removal !== null} onClose={onClose} title={t("pipelines.removal.title")}>
      {removal && <RemovalForm removal={removal} onClose={onClose} onConfirm={onConfirm} />}
    </Modal>
  );
}

function RemovalForm({ removal, onClose, onConfirm }: StageRemovalModalProps & { removal: StageRemoval }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(removal.targets[0]?.id ?? null);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (target) onConfirm(target);
      }}
    >
      <Stack gap="sm">
        <Text size="sm">{t("pipelines.removal.text", { name: removal.stageName })}</Text>
        {removal.targets.length === 0 ? (
          <Text size="sm" c="red">
            {t("pipelines.removal.noTarget")}
          </Text>
        ) : (
          <Select
            label={t("pipelines.removal.target")}
            data={removal.targets.map((s) => ({ value: s.id, label: s.name }))}
            value={target}
            onChange={setTarget}
            allowDeselect={false}
            data-autofocus
          />
        )}
        <Text size="xs" c="dimmed">
          {t("pipelines.removal.hint")}
        </Text>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" disabled={!target}>
            {t("pipelines.removal.confirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
