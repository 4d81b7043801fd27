import { Button, Divider, Group, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { SectionCard } from "@web/components/section-card";
import { useTranslation } from "react-i18next";
import type { EmailSettings } from "./mail-api";
import { portError, ServerFields, type ServerValues } from "./server-fields";
import { TestMailRow } from "./test-mail-row";
import { TestResult } from "./test-result";
import { useEmailTest, useSaveEmailSettings } from "./use-mail";

interface SmtpValues extends ServerValues {
  from: string;
  fromName: string;
}

const toValues = (smtp: EmailSettings["smtp"]): SmtpValues => ({
  host: smtp?.host ?? "",
  port: String(smtp?.port ?? 587),
  security: smtp?.security ?? "starttls",
  user: smtp?.user ?? "",
  password: "",
  from: smtp?.from ?? "",
  fromName: smtp?.fromName ?? "",
});

/** The body part: a typed password replaces the stored one, an empty field keeps it. */
const toSmtp = (values: SmtpValues) => ({
  host: values.host.trim(),
  port: Number(values.port),
  security: values.security,
  user: values.user.trim(),
  from: values.from.trim(),
  fromName: values.fromName.trim(),
  ...(values.password ? { password: values.password } : {}),
});

/** Outgoing mail: the SMTP server every mail of the outbox goes through. */
export function SmtpSection({ settings }: { settings: EmailSettings }) {
  const { t } = useTranslation();
  const save = useSaveEmailSettings();
  const test = useEmailTest();
  const form = useForm<SmtpValues>({
    initialValues: toValues(settings.smtp),
    validate: {
      host: (v) => (v.trim() ? null : t("validation.required")),
      port: (v) => portError(v, t),
      from: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t("serverErrors.email_invalid")),
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync({ smtp: toSmtp(values) });
      form.setValues(toValues(saved.smtp));
      form.resetDirty();
      notifySuccess(t("mail.saved"));
    } catch (error) {
      showFormError(
        {
          getValues: () => ({ smtp: form.getValues() }),
          setErrors: (errors) => form.setErrors(unprefix(errors, "smtp")),
        },
        error,
      );
    }
  });

  const runTest = () => {
    if (form.validate().hasErrors) return;
    test.mutate({ target: "smtp", smtp: toSmtp(form.getValues()) });
  };

  return (
    <SectionCard title={t("mail.smtp.title")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ServerFields
            form={form}
            passwordSet={settings.smtp?.passwordSet ?? false}
            disabled={false}
            hostPlaceholder="smtp.example.com"
            required
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t("mail.smtp.from")}
              placeholder="vertrieb@example.com"
              required
              miw={220}
              {...form.getInputProps("from")}
            />
            <TextInput label={t("mail.smtp.fromName")} miw={220} {...form.getInputProps("fromName")} />
          </Group>
          {test.data && <TestResult result={test.data} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={runTest} loading={test.isPending}>
              {t("mail.test.button")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
          <Divider />
          <TestMailRow disabled={settings.smtp === null} />
        </Stack>
      </form>
    </SectionCard>
  );
}

/** Field errors of the body (`smtp.host`) belong to the form's own fields (`host`). */
export function unprefix<E extends object>(errors: E | ((current: E) => E), prefix: string) {
  const resolved = typeof errors === "function" ? errors({} as E) : errors;
  return Object.fromEntries(
    Object.entries(resolved).map(([path, message]) => [
      path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path,
      message,
    ]),
  );
}
