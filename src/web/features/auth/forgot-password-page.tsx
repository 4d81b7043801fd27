import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { isEmail, useForm } from "@mantine/form";
import { IconAlertCircle, IconMailCheck } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { authApi } from "./auth-api";
import { AuthLayout } from "./auth-layout";

/** "Forgot password?": asks for a reset link; the answer never tells whether the address is known. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [rateLimited, setRateLimited] = useState(false);
  const form = useForm({
    initialValues: { email: "" },
    validate: { email: isEmail(t("validation.email")) },
  });
  const submit = form.onSubmit(async ({ email }) => {
    setRateLimited(false);
    try {
      await authApi.requestPasswordReset({ email: email.trim() });
      setSentTo(email.trim());
    } catch (error) {
      if (isApiError(error, 429)) setRateLimited(true);
      else showFormError(form, error);
    }
  });

  return (
    <AuthLayout title={t("passwordReset.requestTitle")} intro={t("passwordReset.requestIntro")}>
      {sentTo ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconMailCheck aria-hidden />}>
            {t("passwordReset.sent", { email: sentTo })}
          </Alert>
          <Anchor component={Link} to="/login" size="sm">
            {t("passwordReset.backToLogin")}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {rateLimited && (
              <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
                {t("login.rateLimited")}
              </Alert>
            )}
            <TextInput
              label={t("auth.email")}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps("email")}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              {t("passwordReset.requestSubmit")}
            </Button>
            <Text size="sm">
              <Anchor component={Link} to="/login">
                {t("passwordReset.backToLogin")}
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
