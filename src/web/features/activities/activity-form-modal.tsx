import {
  Box,
  Checkbox,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useErrorFocus } from "@web/components/use-error-focus";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Activity,
  type ActivityType,
  activitiesApi,
  type CreateActivityRequest,
} from "./activities-api";
import { ContactParticipantsField } from "./contact-participants-field";
import { participantName } from "./participant-name";
import { useInvalidateActivities } from "./use-activities";

export interface ActivityLinks {
  leadId?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

interface ActivityFormModalProps {
  /** The type of a new activity; null closes the modal. Ignored when editing. */
  type: ActivityType | null;
  /** An existing activity to edit (its type is kept). */
  activity?: Activity | null;
  links?: ActivityLinks;
  /** Used in default subjects such as "Call with …". */
  recordName?: string;
  /** Shown above the form, e.g. a link to the activity's record. */
  header?: ReactNode;
  onClose: () => void;
}

interface Values {
  subject: string;
  body: string;
  dueAt: string | null;
  startsAt: string | null;
  endsAt: string | null;
  done: boolean;
  ownerId: string | null;
  participantUserIds: string[];
  participantContactIds: string[];
}

const SUBJECT_MAX = 300;
/** A note has no subject field of its own; its first line serves as one. */
const subjectOfNote = (body: string) => (body.trim().split("\n")[0] ?? "").slice(0, SUBJECT_MAX);
const toIso = (value: string | null) => (value ? dayjs(value).toISOString() : null);
const toPicker = (value: string | null) => (value ? dayjs(value).format("YYYY-MM-DD HH:mm:ss") : null);

/** Create or edit any kind of activity: log a call, add a note, plan a task or schedule a meeting. */
export function ActivityFormModal(props: ActivityFormModalProps) {
  const { t } = useTranslation();
  const type = props.activity?.type ?? props.type;
  const title = props.activity
    ? t("activities.form.editTitle", { type: type ? t(`activities.type.${type}`) : "" })
    : type
      ? t(`activities.quick.${type}`)
      : "";
  return (
    <Modal opened={type !== null} onClose={props.onClose} title={title} size="lg">
      {props.header && <Box mb="sm">{props.header}</Box>}
      {/* Mounted per opening, so each starts with the right defaults for its type. */}
      {type && <ActivityForm {...props} type={type} />}
    </Modal>
  );
}

function initialValues(type: ActivityType, activity: Activity | null | undefined, subject: string): Values {
  if (activity)
    return {
      subject: activity.subject,
      body: activity.body ?? "",
      dueAt: toPicker(activity.dueAt),
      startsAt: toPicker(activity.startsAt),
      endsAt: toPicker(activity.endsAt),
      done: activity.done,
      ownerId: activity.ownerId,
      participantUserIds: activity.participants.filter((p) => p.kind === "user").map((p) => p.id),
      participantContactIds: activity.participants.filter((p) => p.kind === "contact").map((p) => p.id),
    };
  return {
    subject,
    body: "",
    dueAt: type === "task" ? dayjs().add(1, "day").hour(9).minute(0).format("YYYY-MM-DD HH:mm:ss") : null,
    startsAt: null,
    endsAt: null,
    // A logged call, note or email has happened; a task or meeting is ahead.
    done: type === "call" || type === "note" || type === "email",
    ownerId: null,
    participantUserIds: [],
    participantContactIds: [],
  };
}

function ActivityForm({
  type,
  activity,
  links,
  recordName,
  onClose,
}: ActivityFormModalProps & { type: ActivityType }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateActivities();
  const { owners, canChangeOwner } = useOwnerOptions("activity");
  /** Names of the contact participants, for their pills (the form holds only ids, as the API). */
  const [contactNames, setContactNames] = useState(
    () =>
      new Map<string, string>(
        (activity?.participants ?? [])
          .filter((p) => p.kind === "contact")
          .map((p) => [p.id, participantName(p, t)] as const),
      ),
  );
  const save = useMutation({
    mutationFn: (body: CreateActivityRequest) =>
      activity
        ? activitiesApi.update(activity.id, {
            subject: body.subject,
            body: body.body,
            dueAt: body.dueAt,
            startsAt: body.startsAt,
            endsAt: body.endsAt,
            done: body.done,
            ...(body.ownerId ? { ownerId: body.ownerId } : {}),
            participantUserIds: body.participantUserIds,
            participantContactIds: body.participantContactIds,
            version: activity.version,
          })
        : activitiesApi.create(body),
    onSuccess: () => invalidate(),
  });
  const name = recordName ?? "";
  const defaultSubject =
    type === "call" || type === "meeting" ? (name ? t(`activities.quick.${type}Subject`, { name }) : "") : "";
  const form = useForm<Values>({
    initialValues: initialValues(type, activity, defaultSubject),
    validate: {
      subject: (value) => (type !== "note" && !value.trim() ? t("validation.required") : null),
      body: (value) => (type === "note" && !value.trim() ? t("validation.required") : null),
      startsAt: (value) => (type === "meeting" && !value ? t("validation.required") : null),
      endsAt: (value, values) =>
        value && values.startsAt && dayjs(value).isBefore(dayjs(values.startsAt))
          ? t("activities.form.endsBeforeStart")
          : null,
    },
  });

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit(async (values) => {
    const timed = type === "meeting" || type === "call";
    try {
      await save.mutateAsync({
        type,
        subject: type === "note" && !activity ? subjectOfNote(values.body) : values.subject.trim(),
        body: values.body.trim() || null,
        dueAt: type === "task" ? toIso(values.dueAt) : null,
        startsAt: timed ? toIso(values.startsAt) : null,
        endsAt: timed ? toIso(values.endsAt) : null,
        done: values.done,
        ownerId: values.ownerId,
        participantUserIds: values.participantUserIds,
        participantContactIds: values.participantContactIds,
        ...links,
      });
      notifySuccess(t(activity ? "activities.form.saved" : `activities.form.created.${type}`));
      onClose();
    } catch (error) {
      showFormError(form, error);
    }
  });

  const pickerProps = {
    valueFormat: "lll",
    clearable: true,
    timePickerProps: {
      hoursInputLabel: t("activities.form.hours"),
      minutesInputLabel: t("activities.form.minutes"),
    },
    submitButtonProps: { "aria-label": t("activities.form.confirmTime") },
  } as const;
  const userOptions = owners.map((owner) => ({ value: owner.id, label: owner.name }));
  const contactError = Object.entries(form.errors).find(([path]) =>
    path.startsWith("participantContactIds"),
  )?.[1];
  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="md">
        {(type !== "note" || activity) && (
          <TextInput
            label={t("activities.form.subject")}
            required
            maxLength={SUBJECT_MAX}
            data-autofocus
            {...form.getInputProps("subject")}
          />
        )}
        {type === "task" && (
          <DateTimePicker
            label={t("activities.form.dueAt")}
            {...pickerProps}
            {...form.getInputProps("dueAt")}
          />
        )}
        {(type === "meeting" || type === "call") && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateTimePicker
              label={type === "call" ? t("activities.form.callAt") : t("activities.form.startsAt")}
              required={type === "meeting"}
              {...pickerProps}
              {...form.getInputProps("startsAt")}
            />
            <DateTimePicker
              label={t("activities.form.endsAt")}
              {...pickerProps}
              {...form.getInputProps("endsAt")}
            />
          </SimpleGrid>
        )}
        <Textarea
          label={type === "note" ? t("activities.form.note") : t("activities.form.body")}
          description={t("activities.form.markdownHint")}
          required={type === "note"}
          autosize
          minRows={type === "note" ? 4 : 3}
          maxRows={12}
          {...(type === "note" && !activity ? { "data-autofocus": true } : {})}
          {...form.getInputProps("body")}
        />
        {(type === "task" || type === "meeting" || type === "call") && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("activities.form.owner")}
              data={userOptions}
              placeholder={t("activities.form.ownerMe")}
              searchable
              clearable
              disabled={!canChangeOwner}
              {...form.getInputProps("ownerId")}
            />
            <MultiSelect
              label={t("activities.form.participants")}
              data={userOptions}
              searchable
              clearable
              {...form.getInputProps("participantUserIds")}
            />
          </SimpleGrid>
        )}
        {(type === "task" || type === "meeting" || type === "call") && (
          <ContactParticipantsField
            value={form.values.participantContactIds.map((id) => ({ id, name: contactNames.get(id) ?? "…" }))}
            onChange={(next) => {
              setContactNames((names) => new Map([...names, ...next.map((p) => [p.id, p.name] as const)]));
              form.setFieldValue(
                "participantContactIds",
                next.map((p) => p.id),
              );
              form.setErrors((errors) =>
                Object.fromEntries(
                  Object.entries(errors).filter(([path]) => !path.startsWith("participantContactIds")),
                ),
              );
            }}
            error={contactError}
          />
        )}
        <Checkbox
          label={
            type === "task" || type === "meeting" ? t("activities.form.doneTask") : t("activities.form.done")
          }
          {...form.getInputProps("done", { type: "checkbox" })}
        />
        <FormActions onCancel={onClose} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
