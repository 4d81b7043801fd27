import { Button, Group, TextInput } from "@mantine/core";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSendTestMail } from "./use-mail";

/** Sends a test mail through the outbox, as every mail goes; the outbox below shows what became of it. */
export function TestMailRow({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const [to, setTo] = useState(user.email);
  const [error, setError] = useState<string | null>(null);
  const send = useSendTestMail();
  const submit = () => {
    setError(null);
    send.mutate(
      { to: to.trim(), locale: i18n.resolvedLanguage === "de" ? "de" : "en" },
      {
        onSuccess: () => notifySuccess(t("mail.smtp.testMailQueued")),
        onError: (failure) => {
          const field = isApiError(failure)
            ? failure.problem.errors?.find((e) => e.path === "to")
            : undefined;
          if (field) setError(serverMessage(field));
          else notifyError(failure);
        },
      },
    );
  };
  return (
    <Group align="flex-end" wrap="wrap">
      <TextInput
        label={t("mail.smtp.testMailTo")}
        value={to}
        onChange={(event) => setTo(event.currentTarget.value)}
        error={error}
        disabled={disabled}
        miw={280}
      />
      <Button variant="default" onClick={submit} loading={send.isPending} disabled={disabled || !to.trim()}>
        {t("mail.smtp.testMailButton")}
      </Button>
    </Group>
  );
}
