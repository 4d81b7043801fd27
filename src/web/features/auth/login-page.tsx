import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { isEmail, isNotEmpty, useForm } from "@mantine/form";
import type { LoginRequest, SessionResponse } from "@shared/schemas/account";
import type { TwoFactorChallenge } from "@shared/schemas/account-security";
import { IconAlertCircle } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { PasswordField } from "@web/components/password-field";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { authApi } from "./auth-api";
import { AuthLayout } from "./auth-layout";
import { safeNextPath, startSession } from "./session";

type LoginFailure = "wrongCredentials" | "rateLimited" | "expired" | null;

const isChallenge = (answer: SessionResponse | TwoFactorChallenge): answer is TwoFactorChallenge =>
  "twoFactorRequired" in answer;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [failure, setFailure] = useState<LoginFailure>(null);
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const login = useMutation({ mutationFn: (body: LoginRequest) => authApi.login(body) });
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: isEmail(t("validation.email")),
      password: isNotEmpty(t("validation.required")),
    },
  });

  const enter = async (session: SessionResponse) => {
    startSession(session);
    await navigate(safeNextPath(searchParams.get("next")), { replace: true });
  };

  const submit = form.onSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      const answer = await login.mutateAsync({ email: email.trim(), password });
      if (isChallenge(answer)) setPendingToken(answer.pendingToken);
      else await enter(answer);
    } catch (error) {
      if (isApiError(error, 401)) setFailure("wrongCredentials");
      else if (isApiError(error, 429)) setFailure("rateLimited");
      else showFormError(form, error);
    }
  });

  const restart = (reason: LoginFailure) => {
    setPendingToken(null);
    form.setFieldValue("password", "");
    setFailure(reason);
  };

  return (
    <AuthLayout
      title={t(pendingToken ? "twoFactor.loginTitle" : "login.title")}
      intro={t(pendingToken ? "twoFactor.loginIntro" : "login.intro")}
    >
      {failure && (
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} mb="md">
          {t(`login.${failure}`)}
        </Alert>
      )}
      {pendingToken ? (
        <SecondFactorForm pendingToken={pendingToken} onSession={enter} onRestart={restart} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
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
            <Group justify="flex-end" mt={-8}>
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t("login.forgotPassword")}
              </Anchor>
            </Group>
            <Button type="submit" loading={form.submitting} fullWidth>
              {t("login.submit")}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

interface SecondFactorFormProps {
  pendingToken: string;
  onSession: (session: SessionResponse) => Promise<void>;
  onRestart: (reason: LoginFailure) => void;
}

/** The second step: a code of the authenticator app or a recovery code. */
function SecondFactorForm({ pendingToken, onSession, onRestart }: SecondFactorFormProps) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useForm({
    initialValues: { code: "" },
    validate: { code: isNotEmpty(t("validation.required")) },
  });
  const submit = form.onSubmit(async ({ code }) => {
    try {
      await onSession(await authApi.loginTwoFactor({ pendingToken, code: code.trim() }));
    } catch (error) {
      if (isApiError(error, 401)) onRestart("expired");
      else if (isApiError(error, 429)) onRestart("rateLimited");
      else {
        form.setFieldValue("code", "");
        showFormError(form, error);
      }
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          key={useRecovery ? "recovery" : "totp"}
          label={t(useRecovery ? "twoFactor.recoveryCode" : "twoFactor.code")}
          description={t(useRecovery ? "twoFactor.recoveryCodeHint" : "twoFactor.codeHint")}
          autoComplete="one-time-code"
          inputMode={useRecovery ? "text" : "numeric"}
          maxLength={useRecovery ? 20 : 6}
          data-autofocus
          autoFocus
          required
          {...form.getInputProps("code")}
        />
        <Button type="submit" loading={form.submitting} fullWidth>
          {t("twoFactor.verify")}
        </Button>
        <Text size="sm" ta="center">
          <Anchor
            component="button"
            type="button"
            onClick={() => {
              setUseRecovery(!useRecovery);
              form.reset();
            }}
          >
            {t(useRecovery ? "twoFactor.useApp" : "twoFactor.useRecovery")}
          </Anchor>
        </Text>
        <Text size="sm" ta="center">
          <Anchor component="button" type="button" c="dimmed" onClick={() => onRestart(null)}>
            {t("passwordReset.backToLogin")}
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}
