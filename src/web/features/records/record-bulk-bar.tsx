import { Button, Group, Modal, Select, Stack, TagsInput } from "@mantine/core";
import type { EntityRights } from "@shared/schemas/permissions";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";
import { IconTag, IconTrash, IconUserShare } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BulkButton, BulkToolbar } from "./bulk-toolbar";
import type { BulkResult } from "./record-api";

interface RecordBulkBarProps {
  ids: string[];
  /** The list's query key prefix, refreshed after a change. */
  listKey: readonly string[];
  send: (body: BulkRecordInput) => Promise<BulkResult>;
  onClear: () => void;
  /** The role's rights on these records (Settings → Permissions): Assign and Delete show by them. */
  rights: EntityRights;
}

/** Assign, tag or delete the selected contacts or companies (one request, one transaction). */
export function RecordBulkBar({ ids, listKey, send, onClear, rights }: RecordBulkBarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { owners } = useOwnerOptions();
  const [dialog, setDialog] = useState<"assign" | "tag" | "delete" | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const bulk = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      setDialog(null);
      onClear();
      notifySuccess(
        t("recordList.bulkDone", { count: result.updated.length, skipped: result.skipped.length }),
      );
      await queryClient.invalidateQueries({ queryKey: listKey });
    },
    onError: (error) => notifyError(error),
  });
  const count = ids.length;

  return (
    <>
      <BulkToolbar
        label={t("recordList.bulkToolbar")}
        selected={t("recordList.selected", { count })}
        clearLabel={t("recordList.clearSelection")}
        onClear={onClear}
      >
        {rights.changeOwner && (
          <BulkButton icon={<IconUserShare size={14} aria-hidden />} onClick={() => setDialog("assign")}>
            {t("recordList.assign")}
          </BulkButton>
        )}
        <BulkButton icon={<IconTag size={14} aria-hidden />} onClick={() => setDialog("tag")}>
          {t("recordList.tag")}
        </BulkButton>
        {rights.delete !== "none" && (
          <BulkButton
            color="red"
            icon={<IconTrash size={14} aria-hidden />}
            onClick={() => setDialog("delete")}
          >
            {t("common.delete")}
          </BulkButton>
        )}
      </BulkToolbar>
      <Modal
        opened={dialog === "assign" || dialog === "tag"}
        onClose={() => setDialog(null)}
        title={dialog === "assign" ? t("recordList.assign") : t("recordList.tag")}
      >
        <Stack gap="sm">
          {dialog === "assign" ? (
            <Select
              label={t("contacts.fields.owner")}
              data={owners.map((o) => ({ value: o.id, label: o.name }))}
              value={ownerId}
              onChange={setOwnerId}
              searchable
              clearable
              placeholder={t("contacts.detail.noOwner")}
              data-autofocus
            />
          ) : (
            <TagsInput label={t("recordList.addTags")} value={tags} onChange={setTags} data-autofocus />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              loading={bulk.isPending}
              disabled={dialog === "tag" && tags.length === 0}
              onClick={() =>
                bulk.mutate(
                  dialog === "assign"
                    ? { action: "assign", ids, ownerId }
                    : { action: "tag", ids, add: tags, remove: [] },
                )
              }
            >
              {t("recordList.apply", { count })}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ConfirmDialog
        opened={dialog === "delete"}
        onClose={() => setDialog(null)}
        title={t("recordList.deleteTitle", { count })}
        message={t("recordList.deleteText", { count })}
        confirmLabel={t("common.delete")}
        onConfirm={() => bulk.mutate({ action: "delete", ids })}
        loading={bulk.isPending}
      />
    </>
  );
}
