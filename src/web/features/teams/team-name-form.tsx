import { Stack, TextInput } from "@mantine/core";
import { hasLength, isNotEmpty, useForm } from "@mantine/form";
import type { Team } from "@shared/schemas/account";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import { useCreateTeam, useUpdateTeam } from "./use-teams";

const MAX_TEAM_NAME = 100;

/** Creates a team, or renames `team` when given. */
export function TeamNameForm({ team, onDone }: { team?: Team; onDone: () => void }) {
  const { t } = useTranslation();
  const createTeam = useCreateTeam();
  const updateTeam = useUpdateTeam();
  const form = useForm({
    initialValues: { name: team?.name ?? "" },
    validate: {
      name: (value) =>
        isNotEmpty(t("validation.required"))(value) ??
        hasLength({ max: MAX_TEAM_NAME }, t("validation.tooLong", { count: MAX_TEAM_NAME }))(value),
    },
  });

  const submit = form.onSubmit(async ({ name }) => {
    try {
      if (team) {
        const renamed = await updateTeam.mutateAsync({
          id: team.id,
          name: name.trim(),
          version: team.version,
        });
        notifySuccess(t("teams.renamed", { name: renamed.name }));
      } else {
        const created = await createTeam.mutateAsync({ name: name.trim() });
        notifySuccess(t("teams.created", { name: created.name }));
      }
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t("teams.name")} required data-autofocus {...form.getInputProps("name")} />
        <FormActions
          onCancel={onDone}
          submitting={form.submitting}
          submitLabel={team ? t("common.save") : t("common.create")}
        />
      </Stack>
    </form>
  );
}
