import { Button, Stack, TextInput } from "@mantine/core";
import { hasLength, isEmail, isNotEmpty, matchesField, useForm } from "@mantine/form";
import type { SetupRequest } from "@shared/schemas/account";
import { useMutation } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { notifyError } from "@web/components/notify";
import { PasswordField } from "@web/components/password-field";
import { currentLocale } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { authApi } from "./auth-api";
import { AuthLayout } from "./auth-layout";
import { MIN_PASSWORD_LENGTH } from "./password-policy";
import { markSetupDone, startSession } from "./session";

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setup = useMutation({ mutationFn: (body: SetupRequest) => authApi.setup(body) });
  const form = useForm({
    initialValues: { name: "", email: "", password: "", confirmPassword: "" },
    validate: {
      name: isNotEmpty(t("validation.required")),
      email: isEmail(t("validation.email")),
      password: hasLength(
        { min: MIN_PASSWORD_LENGTH },
        t("validation.passwordLength", { count: MIN_PASSWORD_LENGTH }),
      ),
      confirmPassword: matchesField("password", t("validation.passwordMismatch")),
    },
  });

  const submit = form.onSubmit(async ({ name, email, password }) => {
    try {
      const session = await setup.mutateAsync({
        name: name.trim(),
        email: email.trim(),
        password,
        locale: currentLocale(),
      });
      markSetupDone();
      startSession(session);
      // A new installation has no numbers yet: its first admin starts where the data comes in.
      await navigate("/leads", { replace: true });
    } catch (error) {
      if (isApiError(error, 409)) {
        // Someone else finished the setup meanwhile; the only way on is to log in.
        notifyError(error);
        markSetupDone();
        await navigate("/login", { replace: true });
        return;
      }
      showFormError(form, error);
    }
  });

  return (
    <AuthLayout title={t("setup.title")} intro={t("setup.intro")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t("auth.name")} autoComplete="name" required {...form.getInputProps("name")} />
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps("email")}
          />
          <PasswordField
            label={t("auth.password")}
            description={t("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <PasswordField
            label={t("auth.confirmPassword")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirmPassword")}
          />
          <Button type="submit" loading={form.submitting} fullWidth mt="xs">
            {t("setup.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
