import { Button, CloseButton, Group, Paper, Text } from "@mantine/core";
import { IconCircleDot, IconTag, IconTransform, IconTrash, IconUserShare } from "@tabler/icons-react";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError } from "@web/components/notify";
import { BulkConvertDialog } from "@web/features/conversion/bulk-convert-dialog";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BulkResult } from "../leads-api";
import { useBulkLeads } from "../use-leads";
import type { OwnerOption } from "../use-owner-options";
import { type BulkEditAction, LeadBulkDialog } from "./lead-bulk-dialog";

interface LeadBulkBarProps {
  ids: string[];
  owners: OwnerOption[];
  knownTags: string[];
  onClear: () => void;
  onResult: (result: BulkResult) => void;
  /** Names of the selected leads, for the conversion report. */
  names?: ReadonlyMap<string, string>;
}

/** Actions on the selected rows; shown while at least one row is selected. */
export function LeadBulkBar({ ids, owners, knownTags, onClear, onResult, names }: LeadBulkBarProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<BulkEditAction | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [converting, setConverting] = useState(false);
  const bulk = useBulkLeads();
  const count = ids.length;

  const remove = () =>
    bulk.mutate(
      { action: "delete", ids },
      {
        onSuccess: (result) => {
          setConfirmDelete(false);
          onResult(result);
        },
        onError: (error) => notifyError(error),
      },
    );

  return (
    <>
      <Paper
        withBorder
        radius="md"
        px="sm"
        py={6}
        bg="var(--mantine-primary-color-light)"
        role="toolbar"
        aria-label={t("leads.bulk.toolbar")}
      >
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600} mr="xs" aria-live="polite">
            {t("leads.bulk.selected", { count })}
          </Text>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconUserShare size={14} aria-hidden />}
            onClick={() => setAction("assign")}
          >
            {t("leads.bulk.assign")}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconCircleDot size={14} aria-hidden />}
            onClick={() => setAction("status")}
          >
            {t("leads.bulk.status")}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconTag size={14} aria-hidden />}
            onClick={() => setAction("tag")}
          >
            {t("leads.bulk.tags")}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            color="red"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={() => setConfirmDelete(true)}
          >
            {t("leads.bulk.delete")}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconTransform size={14} aria-hidden />}
            onClick={() => setConverting(true)}
          >
            {t("conversion.bulk.action")}
          </Button>
          <CloseButton ml="auto" size="sm" aria-label={t("leads.bulk.clear")} onClick={onClear} />
        </Group>
      </Paper>
      <LeadBulkDialog
        action={action}
        ids={ids}
        owners={owners}
        knownTags={knownTags}
        onClose={() => setAction(null)}
        onDone={(result) => {
          setAction(null);
          onResult(result);
        }}
      />
      <BulkConvertDialog
        ids={ids}
        names={names ?? new Map()}
        opened={converting}
        onClose={(converted) => {
          setConverting(false);
          if (converted) onClear();
        }}
      />
      <ConfirmDialog
        opened={confirmDelete}
        title={t("leads.bulk.deleteTitle", { count })}
        message={t("leads.bulk.deleteConfirm")}
        confirmLabel={t("leads.bulk.delete")}
        loading={bulk.isPending}
        onConfirm={remove}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
