import { Alert, Anchor, Button, Stack } from "@mantine/core";
import { hasLength, matchesField, useForm } from "@mantine/form";
import { IconAlertCircle, IconCircleCheck } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { PasswordField } from "@web/components/password-field";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { authApi } from "./auth-api";
import { AuthLayout } from "./auth-layout";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

/**
 * The page a reset mail links to. The token comes in the URL's fragment (#…), which browsers never
 * send to a server, so it stays out of access logs and Referer headers.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useLocation().hash.slice(1);
  const [state, setState] = useState<"form" | "done" | "invalid">(token ? "form" : "invalid");
  const form = useForm({
    initialValues: { newPassword: "", confirmPassword: "" },
    validate: {
      newPassword: hasLength(
        { min: MIN_PASSWORD_LENGTH },
        t("validation.passwordLength", { count: MIN_PASSWORD_LENGTH }),
      ),
      confirmPassword: matchesField("newPassword", t("validation.passwordMismatch")),
    },
  });
  const submit = form.onSubmit(async ({ newPassword }) => {
    try {
      await authApi.confirmPasswordReset({ token, newPassword });
      setState("done");
    } catch (error) {
      if (isApiError(error, 422)) setState("invalid");
      else showFormError(form, error);
    }
  });

  return (
    <AuthLayout
      title={t("passwordReset.setTitle")}
      intro={t("passwordReset.setIntro", { count: MIN_PASSWORD_LENGTH })}
    >
      {state === "form" && (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
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
            <Button type="submit" loading={form.submitting} fullWidth>
              {t("passwordReset.setSubmit")}
            </Button>
          </Stack>
        </form>
      )}
      {state !== "form" && (
        <Stack gap="md">
          <Alert
            color={state === "done" ? "teal" : "red"}
            variant="light"
            icon={state === "done" ? <IconCircleCheck aria-hidden /> : <IconAlertCircle aria-hidden />}
          >
            {t(state === "done" ? "passwordReset.done" : "passwordReset.invalid")}
          </Alert>
          <Anchor component={Link} to={state === "done" ? "/login" : "/forgot-password"} size="sm">
            {t(state === "done" ? "passwordReset.toLogin" : "passwordReset.requestAgain")}
          </Anchor>
        </Stack>
      )}
    </AuthLayout>
  );
}
