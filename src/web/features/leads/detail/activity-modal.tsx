import { Button, Group, Modal, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { isNotEmpty, useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { activitiesApi, type CreateActivityRequest } from "@web/features/activities/activities-api";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { leadKeys } from "../use-leads";

export type QuickActivity = "call" | "note" | "meeting";

interface ActivityModalProps {
  kind: QuickActivity | null;
  leadId: string;
  leadName: string;
  onClose: () => void;
}

interface ActivityValues {
  subject: string;
  body: string;
  startsAt: string | null;
  endsAt: string | null;
}

const SUBJECT_MAX = 300;
/** A note has no subject field of its own; its first line serves as one. */
const subjectOfNote = (body: string) => (body.trim().split("\n")[0] ?? "").slice(0, SUBJECT_MAX);
const toIso = (value: string | null) => (value ? dayjs(value).toISOString() : null);

/** Logs a call, adds a note or schedules a meeting on the lead. */
export function ActivityModal({ kind, leadId, leadName, onClose }: ActivityModalProps) {
  const { t } = useTranslation();
  const titles: Record<QuickActivity, string> = {
    call: t("leads.quick.logCall"),
    note: t("leads.quick.addNote"),
    meeting: t("leads.quick.scheduleMeeting"),
  };
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? titles[kind] : ""} size="lg">
      {/* Mounted per opening, so each starts with the right defaults for its kind. */}
      {kind && <ActivityForm kind={kind} leadId={leadId} leadName={leadName} onClose={onClose} />}
    </Modal>
  );
}

function ActivityForm({ kind, leadId, leadName, onClose }: ActivityModalProps & { kind: QuickActivity }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: CreateActivityRequest) => activitiesApi.create(body),
    // The owner's first activity moves the lead to "in process" on the server: load it again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
  const defaults: Record<QuickActivity, string> = {
    call: t("leads.quick.callSubject", { name: leadName }),
    meeting: t("leads.quick.meetingSubject", { name: leadName }),
    note: "",
  };
  const form = useForm<ActivityValues>({
    initialValues: { subject: defaults[kind], body: "", startsAt: null, endsAt: null },
    validate: {
      subject: (value) => (kind !== "note" && !value.trim() ? t("validation.required") : null),
      body: (value) => (kind === "note" && !value.trim() ? t("validation.required") : null),
      startsAt: (value) => (kind === "meeting" ? isNotEmpty(t("validation.required"))(value) : null),
    },
  });

  const done: Record<QuickActivity, string> = {
    call: t("leads.quick.callLogged"),
    note: t("leads.quick.noteAdded"),
    meeting: t("leads.quick.meetingScheduled"),
  };

  const submit = form.onSubmit(async (values) => {
    const body = values.body.trim() || null;
    try {
      await create.mutateAsync({
        type: kind,
        subject: kind === "note" ? subjectOfNote(values.body) : values.subject.trim(),
        body,
        leadId,
        // A logged call has happened; a meeting is ahead.
        done: kind !== "meeting",
        ...(kind === "meeting" ? { startsAt: toIso(values.startsAt), endsAt: toIso(values.endsAt) } : {}),
      });
      notifySuccess(done[kind]);
      onClose();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {kind !== "note" && (
          <TextInput
            label={t("leads.quick.subject")}
            required
            maxLength={SUBJECT_MAX}
            {...form.getInputProps("subject")}
          />
        )}
        {kind === "meeting" && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateTimePicker
              label={t("leads.quick.startsAt")}
              required
              valueFormat="lll"
              clearable
              {...form.getInputProps("startsAt")}
            />
            <DateTimePicker
              label={t("leads.quick.endsAt")}
              valueFormat="lll"
              clearable
              {...form.getInputProps("endsAt")}
            />
          </SimpleGrid>
        )}
        <Textarea
          label={kind === "note" ? t("leads.quick.note") : t("leads.quick.notes")}
          required={kind === "note"}
          autosize
          minRows={kind === "note" ? 4 : 3}
          maxRows={12}
          data-autofocus
          {...form.getInputProps("body")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
