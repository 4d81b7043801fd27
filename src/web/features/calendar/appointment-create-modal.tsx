import { Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { activitiesApi } from "@web/features/activities/activities-api";
import { useInvalidateActivities } from "@web/features/activities/use-activities";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { type LinkKind, LinkPicker } from "./link-pickers";

/** The slot the user clicked or dragged over in the calendar. */
export interface Slot {
  start: Date;
  end: Date;
}

type AppointmentType = "meeting" | "call" | "task";
const TYPES: AppointmentType[] = ["meeting", "call", "task"];
const KINDS: LinkKind[] = ["lead", "contact", "deal"];
const SUBJECT_MAX = 300;

interface Values {
  type: AppointmentType;
  subject: string;
  startsAt: string | null;
  endsAt: string | null;
  linkKind: LinkKind;
  linkId: string | null;
}

const toPicker = (date: Date) => dayjs(date).format("YYYY-MM-DD HH:mm:ss");
const toIso = (value: string | null) => (value ? dayjs(value).toISOString() : null);

/** A new meeting, call or task at the slot chosen in the calendar, saved through POST /activities. */
export function AppointmentCreateModal({ slot, onClose }: { slot: Slot | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={slot !== null} onClose={onClose} title={t("calendar.create.title")} size="lg">
      {/* Mounted per opening, so each starts at its slot. */}
      {slot && <AppointmentForm slot={slot} onClose={onClose} />}
    </Modal>
  );
}

function AppointmentForm({ slot, onClose }: { slot: Slot; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateActivities();
  const form = useForm<Values>({
    initialValues: {
      type: "meeting",
      subject: "",
      startsAt: toPicker(slot.start),
      endsAt: toPicker(slot.end),
      linkKind: "lead",
      linkId: null,
    },
    validate: {
      subject: (value) => (value.trim() ? null : t("validation.required")),
      startsAt: (value) => (value ? null : t("validation.required")),
      endsAt: (value, values) =>
        values.type !== "task" && value && values.startsAt && dayjs(value).isBefore(dayjs(values.startsAt))
          ? t("activities.form.endsBeforeStart")
          : null,
    },
  });
  const { type } = form.values;

  const submit = form.onSubmit(async (values) => {
    const at = toIso(values.startsAt);
    const link = values.linkId ? { [`${values.linkKind}Id`]: values.linkId } : {};
    try {
      await activitiesApi.create({
        type: values.type,
        subject: values.subject.trim(),
        dueAt: values.type === "task" ? at : null,
        startsAt: values.type === "task" ? null : at,
        endsAt: values.type === "task" ? null : toIso(values.endsAt),
        done: false,
        ...link,
      });
      void invalidate();
      notifySuccess(t(`activities.form.created.${values.type}`));
      onClose();
    } catch (error) {
      // The API names the link by its field (leadId, …); the form shows it on the one picker.
      showFormError(form, error);
      const linkError = form.errors[`${values.linkKind}Id`];
      if (linkError) form.setFieldError("linkId", linkError);
    }
  });

  const pickerProps = {
    valueFormat: "lll",
    timePickerProps: {
      hoursInputLabel: t("activities.form.hours"),
      minutesInputLabel: t("activities.form.minutes"),
    },
    submitButtonProps: { "aria-label": t("activities.form.confirmTime") },
  } as const;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SegmentedControl
          aria-label={t("calendar.create.type")}
          data={TYPES.map((value) => ({ value, label: t(`activities.type.${value}`) }))}
          {...form.getInputProps("type")}
        />
        <TextInput
          label={t("activities.form.subject")}
          required
          maxLength={SUBJECT_MAX}
          data-autofocus
          {...form.getInputProps("subject")}
        />
        {type === "task" ? (
          <DateTimePicker
            label={t("activities.form.dueAt")}
            required
            {...pickerProps}
            {...form.getInputProps("startsAt")}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateTimePicker
              label={type === "call" ? t("activities.form.callAt") : t("activities.form.startsAt")}
              required
              {...pickerProps}
              {...form.getInputProps("startsAt")}
            />
            <DateTimePicker
              label={t("activities.form.endsAt")}
              clearable
              {...pickerProps}
              {...form.getInputProps("endsAt")}
            />
          </SimpleGrid>
        )}
        <Stack gap={6}>
          <Text size="sm" fw={500} id="calendar-link-kind">
            {t("calendar.create.linkTo")}
          </Text>
          <SegmentedControl
            aria-labelledby="calendar-link-kind"
            data={KINDS.map((value) => ({ value, label: t(`calendar.create.link.${value}`) }))}
            {...form.getInputProps("linkKind")}
            onChange={(value) => {
              form.setFieldValue("linkKind", KINDS.find((kind) => kind === value) ?? "lead");
              form.setFieldValue("linkId", null);
            }}
          />
          <LinkPicker
            kind={form.values.linkKind}
            value={form.values.linkId}
            onChange={(id) => form.setFieldValue("linkId", id)}
            error={typeof form.errors.linkId === "string" ? form.errors.linkId : undefined}
          />
        </Stack>
        <FormActions onCancel={onClose} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
