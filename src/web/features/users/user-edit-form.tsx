import { Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { User } from "@shared/schemas/account";
import type { Role } from "@shared/schemas/common";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import { isRole } from "./roles";
import { useUpdateUser } from "./use-users";
import { RoleSelect, TeamSelect } from "./user-selects";

interface UserEditFormValues {
  role: Role | null;
  teamId: string | null;
}

export function UserEditForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const updateUser = useUpdateUser();
  const form = useForm<UserEditFormValues>({
    initialValues: { role: user.role, teamId: user.teamId },
    validate: { role: (value) => (isRole(value) ? null : t("validation.required")) },
  });

  const submit = form.onSubmit(async ({ role, teamId }) => {
    if (!isRole(role)) return;
    try {
      // version lets the server refuse the change if someone else edited the user meanwhile.
      const updated = await updateUser.mutateAsync({ id: user.id, role, teamId, version: user.version });
      notifySuccess(t("users.updated", { name: updated.name }));
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <RoleSelect required data-autofocus {...form.getInputProps("role")} />
        <TeamSelect {...form.getInputProps("teamId")} />
        <FormActions onCancel={onDone} submitting={form.submitting} mt="xs" />
      </Stack>
    </form>
  );
}
