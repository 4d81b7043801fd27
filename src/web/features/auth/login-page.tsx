import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { isEmail, isNotEmpty, useForm } from "@mantine/form";
import type { LoginRequest } from "@shared/schemas/account";
import { IconAlertCircle } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { PasswordField } from "@web/components/password-field";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { authApi } from "./auth-api";
import { AuthLayout } from "./auth-layout";
import { safeNextPath, startSession } from "./session";

type LoginFailure = "wrongCredentials" | "rateLimited" | null;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [failure, setFailure] = useState<LoginFailure>(null);
  const login = useMutation({ mutationFn: (body: LoginRequest) => authApi.login(body) });
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: isEmail(t("validation.email")),
      password: isNotEmpty(t("validation.required")),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      startSession(await login.mutateAsync({ email: email.trim(), password }));
      await navigate(safeNextPath(searchParams.get("next")), { replace: true });
    } catch (error) {
      if (isApiError(error, 401)) setFailure("wrongCredentials");
      else if (isApiError(error, 429)) setFailure("rateLimited");
      else showFormError(form, error);
    }
  });

  return (
    <AuthLayout title={t("login.title")} intro={t("login.intro")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {failure && (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
              {t(`login.${failure}`)}
            </Alert>
          )}
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps("email")}
          />
          <PasswordField
            label={t("auth.password")}
            autoComplete="current-password"
            required
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={form.submitting} fullWidth mt="xs">
            {t("login.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
