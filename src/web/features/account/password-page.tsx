import { Button, Checkbox, Group, Paper, Stack } from "@mantine/core";
import { hasLength, isNotEmpty, matchesField, useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { PasswordField } from "@web/components/password-field";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { MIN_PASSWORD_LENGTH } from "@web/features/auth/password-policy";
import { useTranslation } from "react-i18next";
import { useChangePassword } from "./use-account";

export function PasswordPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const changePassword = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "", revokeApiTokens: false },
    validate: {
      currentPassword: isNotEmpty(t("validation.required")),
      newPassword: hasLength(
        { min: MIN_PASSWORD_LENGTH },
        t("validation.passwordLength", { count: MIN_PASSWORD_LENGTH }),
      ),
      confirmPassword: matchesField("newPassword", t("validation.passwordMismatch")),
    },
  });

  const submit = form.onSubmit(async ({ currentPassword, newPassword, revokeApiTokens }) => {
    try {
      await changePassword.mutateAsync({ currentPassword, newPassword, revokeApiTokens });
      form.reset();
      notifySuccess(t(revokeApiTokens ? "password.changedTokensRevoked" : "password.changed"));
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.password")}
        description={t("password.description", { count: MIN_PASSWORD_LENGTH })}
      />
      <Paper withBorder radius="md" p="lg" maw={520}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {/* Lets password managers tie the new password to the right account. */}
            <input type="text" name="username" autoComplete="username" value={user.email} hidden readOnly />
            <PasswordField
              label={t("password.current")}
              autoComplete="current-password"
              required
              {...form.getInputProps("currentPassword")}
            />
            <PasswordField
              label={t("password.new")}
              autoComplete="new-password"
              required
              {...form.getInputProps("newPassword")}
            />
            <PasswordField
              label={t("password.confirm")}
              autoComplete="new-password"
              required
              {...form.getInputProps("confirmPassword")}
            />
            <Checkbox
              label={t("password.revokeTokens")}
              description={t("password.revokeTokensHint")}
              {...form.getInputProps("revokeApiTokens", { type: "checkbox" })}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                {t("password.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
