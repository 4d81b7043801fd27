import { Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Deal } from "@shared/schemas/deal";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { FormActions } from "@web/components/form-actions";
import { notifyError, notifySuccess } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { useLostReasons } from "@web/features/pipelines/use-pipelines";
import { useTranslation } from "react-i18next";
import { dealsApi } from "./deals-api";
import { dealKeys } from "./use-deals";

/** What the outcome actions need to know of a deal. */
export interface OutcomeDeal {
  id: string;
  title: string;
  version?: number;
}

/** The won or lost deal into its detail cache; every list, board and history loads again. */
function useOutcomeChanged() {
  const queryClient = useQueryClient();
  return (deal: Deal) => {
    queryClient.setQueryData(dealKeys.detail(deal.id), deal);
    return queryClient.invalidateQueries({
      queryKey: dealKeys.all,
      predicate: (query) => !(query.queryKey[1] === "detail" && query.queryKey[2] === deal.id),
    });
  };
}

/** Marks a deal won; the variables name the deal, so one hook serves a whole board. */
export function useMarkDealWon() {
  const changed = useOutcomeChanged();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version?: number }) => dealsApi.won(id, version),
    onSuccess: changed,
  });
}

/** Marks a deal lost with a reason (one of the editable list, or free text). */
export function useMarkDealLost() {
  const changed = useOutcomeChanged();
  return useMutation({
    mutationFn: ({ id, reason, version }: { id: string; reason: string; version?: number }) =>
      dealsApi.lost(id, { reason, version }),
    onSuccess: changed,
  });
}

const OTHER = "__other__";

interface LostDialogProps {
  /** The deal to close as lost; null: the dialog is closed. */
  deal: OutcomeDeal | null;
  onClose: () => void;
  /** After the server accepted: the deal as it is now (status lost). */
  onLost?: (deal: Deal) => void;
  /** Instead of calling the API itself, the caller does (e.g. the board's optimistic update). */
  onSubmitReason?: (reason: string) => Promise<void>;
}

/** Asks why a deal was lost (from the list in settings, or in the user's words) and marks it lost. */
export function LostReasonDialog({ deal, onClose, onLost, onSubmitReason }: LostDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={deal !== null} onClose={onClose} title={t("dealOutcome.lostTitle")}>
      {deal && (
        <LostReasonForm deal={deal} onClose={onClose} onLost={onLost} onSubmitReason={onSubmitReason} />
      )}
    </Modal>
  );
}

function LostReasonForm({ deal, onClose, onLost, onSubmitReason }: LostDialogProps & { deal: OutcomeDeal }) {
  const { t } = useTranslation();
  const reasons = useLostReasons();
  const markLost = useMarkDealLost();
  const form = useForm({
    initialValues: { choice: null as string | null, reason: "" },
    validate: {
      choice: (value) => (value ? null : t("dealOutcome.reasonRequired")),
      reason: (value, values) =>
        values.choice === OTHER && !value.trim() ? t("dealOutcome.reasonRequired") : null,
    },
  });
  const { choice } = form.getValues();
  const options = [
    ...(reasons.data ?? []).map((reason) => ({ value: reason, label: reason })),
    { value: OTHER, label: t("dealOutcome.otherReason") },
  ];

  const submit = form.onSubmit(async (values) => {
    const reason = values.choice === OTHER ? values.reason.trim() : (values.choice ?? "");
    try {
      if (onSubmitReason) {
        await onSubmitReason(reason);
      } else {
        const lost = await markLost.mutateAsync({ id: deal.id, reason, version: deal.version });
        notifySuccess(t("dealOutcome.markedLost", { title: lost.title }));
        onLost?.(lost);
      }
      onClose();
    } catch (error) {
      // The server names the field `reason`; it shows beside whichever input holds the reason.
      const fieldError = isApiError(error)
        ? error.problem.errors?.find((e) => e.path === "reason")
        : undefined;
      if (fieldError) {
        form.setFieldError(values.choice === OTHER ? "reason" : "choice", serverMessage(fieldError));
      } else notifyError(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("dealOutcome.lostQuestion", { title: deal.title })}</Text>
        <Select
          label={t("dealOutcome.reason")}
          placeholder={t("dealOutcome.reasonPlaceholder")}
          data={options}
          required
          data-autofocus
          allowDeselect={false}
          {...form.getInputProps("choice")}
        />
        {choice === OTHER && (
          <Textarea
            label={t("dealOutcome.otherReasonText")}
            required
            autosize
            minRows={2}
            maxLength={200}
            {...form.getInputProps("reason")}
          />
        )}
        <FormActions
          onCancel={onClose}
          submitting={form.submitting || markLost.isPending}
          submitLabel={t("dealOutcome.markLost")}
          submitColor="red"
          mt="sm"
        />
      </Stack>
    </form>
  );
}
