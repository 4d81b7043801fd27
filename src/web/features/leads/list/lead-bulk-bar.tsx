import { IconCircleDot, IconTag, IconTransform, IconTrash, IconUserShare } from "@tabler/icons-react";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError } from "@web/components/notify";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { BulkConvertDialog } from "@web/features/conversion/bulk-convert-dialog";
import { BulkButton, BulkToolbar } from "@web/features/records/bulk-toolbar";
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
  const { abilities, permissions } = useCurrentUser();
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
      <BulkToolbar
        label={t("leads.bulk.toolbar")}
        selected={t("leads.bulk.selected", { count })}
        clearLabel={t("leads.bulk.clear")}
        onClear={onClear}
        closeSize="sm"
      >
        {permissions.lead.changeOwner && (
          <BulkButton icon={<IconUserShare size={14} aria-hidden />} onClick={() => setAction("assign")}>
            {t("leads.bulk.assign")}
          </BulkButton>
        )}
        <BulkButton icon={<IconCircleDot size={14} aria-hidden />} onClick={() => setAction("status")}>
          {t("leads.bulk.status")}
        </BulkButton>
        <BulkButton icon={<IconTag size={14} aria-hidden />} onClick={() => setAction("tag")}>
          {t("leads.bulk.tags")}
        </BulkButton>
        {abilities["lead.bulk_delete"] && (
          <BulkButton
            color="red"
            icon={<IconTrash size={14} aria-hidden />}
            onClick={() => setConfirmDelete(true)}
          >
            {t("leads.bulk.delete")}
          </BulkButton>
        )}
        {abilities["lead.convert"] && (
          <BulkButton icon={<IconTransform size={14} aria-hidden />} onClick={() => setConverting(true)}>
            {t("conversion.bulk.action")}
          </BulkButton>
        )}
      </BulkToolbar>
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
