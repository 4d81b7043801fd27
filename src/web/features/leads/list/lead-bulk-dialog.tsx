import { Modal, Select, Stack, TagsInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { useTranslation } from "react-i18next";
import { isLeadStatus, type LeadStatus } from "../lead-model";
import type { BulkLeadRequest, BulkResult } from "../leads-api";
import { useBulkLeads } from "../use-leads";
import type { OwnerOption } from "../use-owner-options";

export type BulkEditAction = "assign" | "status" | "tag";

/** `converted` comes only from the conversion, so a bulk edit offers the others. */
const BULK_STATUSES: readonly LeadStatus[] = ["new", "assigned", "in_process", "recycled", "dead"];

interface LeadBulkDialogProps {
  action: BulkEditAction | null;
  ids: string[];
  owners: OwnerOption[];
  knownTags: string[];
  onClose: () => void;
  onDone: (result: BulkResult) => void;
}

interface BulkValues {
  ownerId: string | null;
  status: string | null;
  deadReason: string;
  add: string[];
  remove: string[];
}

const INITIAL: BulkValues = { ownerId: null, status: null, deadReason: "", add: [], remove: [] };

export function LeadBulkDialog({ action, ids, owners, knownTags, onClose, onDone }: LeadBulkDialogProps) {
  const { t } = useTranslation();
  const bulk = useBulkLeads();
  const form = useForm<BulkValues>({
    initialValues: INITIAL,
    validate: {
      status: (value) => (action === "status" && !isLeadStatus(value) ? t("validation.required") : null),
      deadReason: (value, values) =>
        action === "status" && values.status === "dead" && !value.trim() ? t("validation.required") : null,
      add: (value, values) =>
        action === "tag" && value.length === 0 && values.remove.length === 0
          ? t("leads.bulk.tagsRequired")
          : null,
    },
  });

  const close = () => {
    form.reset();
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    let body: BulkLeadRequest;
    if (action === "assign") body = { action, ids, ownerId: values.ownerId };
    else if (action === "tag") body = { action, ids, add: values.add, remove: values.remove };
    else if (action === "status" && isLeadStatus(values.status) && values.status !== "converted")
      body = {
        action,
        ids,
        status: values.status,
        deadReason: values.status === "dead" ? values.deadReason : null,
      };
    else return;
    try {
      const result = await bulk.mutateAsync(body);
      form.reset();
      onDone(result);
    } catch (error) {
      showFormError(form, error);
    }
  });

  const count = ids.length;
  const title =
    action === "assign"
      ? t("leads.bulk.assignTitle", { count })
      : action === "status"
        ? t("leads.bulk.statusTitle", { count })
        : t("leads.bulk.tagsTitle", { count });

  return (
    <Modal opened={action !== null} onClose={close} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {action === "assign" && (
            <Select
              label={t("leads.bulk.owner")}
              placeholder={t("leads.list.unassigned")}
              data={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
              clearable
              searchable
              data-autofocus
              {...form.getInputProps("ownerId")}
            />
          )}
          {action === "status" && (
            <>
              <Select
                label={t("leads.bulk.newStatus")}
                data={BULK_STATUSES.map((status) => ({ value: status, label: t(`leads.status.${status}`) }))}
                required
                allowDeselect={false}
                data-autofocus
                {...form.getInputProps("status")}
              />
              {form.values.status === "dead" && (
                <Textarea
                  label={t("leads.statusControl.closeReason")}
                  required
                  autosize
                  minRows={2}
                  {...form.getInputProps("deadReason")}
                />
              )}
            </>
          )}
          {action === "tag" && (
            <>
              <TagsInput
                label={t("leads.bulk.addTags")}
                placeholder={t("leads.filter.tagsPlaceholder")}
                data={knownTags}
                data-autofocus
                {...form.getInputProps("add")}
              />
              <TagsInput
                label={t("leads.bulk.removeTags")}
                placeholder={t("leads.filter.tagsPlaceholder")}
                data={knownTags}
                {...form.getInputProps("remove")}
              />
            </>
          )}
          <FormActions
            onCancel={close}
            submitting={form.submitting}
            submitLabel={t("leads.bulk.apply")}
            mt="xs"
          />
        </Stack>
      </form>
    </Modal>
  );
}
