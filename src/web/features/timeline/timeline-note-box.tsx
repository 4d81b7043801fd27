import { Button, Group, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { activitiesApi } from "@web/features/activities/activities-api";
import type { ActivityLinks } from "@web/features/activities/activity-form-modal";
import { useInvalidateActivities } from "@web/features/activities/use-activities";
import { useTranslation } from "react-i18next";

const SUBJECT_MAX = 300;

/**
 * The note box at the top of a record's timeline (issue #23 point 3): type and save, no dialog. The
 * note's first line is its subject, as in the note dialog; the record's links go with it.
 */
export function TimelineNoteBox({ links }: { links: ActivityLinks }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateActivities();
  const form = useForm({
    initialValues: { body: "" },
    validate: { body: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const save = useMutation({
    mutationFn: (body: string) =>
      activitiesApi.create({
        type: "note",
        subject: (body.split("\n")[0] ?? "").slice(0, SUBJECT_MAX),
        body,
        ...links,
      }),
    onSuccess: () => invalidate(),
  });
  const submit = form.onSubmit(async ({ body }) => {
    try {
      await save.mutateAsync(body.trim());
      notifySuccess(t("activities.form.created.note"));
      form.reset();
    } catch (error) {
      showFormError(form, error);
    }
  });
  const typed = form.getValues().body.trim() !== "";
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap={6}>
        <Textarea
          aria-label={t("timeline.noteBox.label")}
          placeholder={t("timeline.noteBox.placeholder")}
          autosize
          minRows={typed ? 3 : 1}
          maxRows={10}
          {...form.getInputProps("body")}
        />
        {typed && (
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => form.reset()}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t("timeline.noteBox.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
