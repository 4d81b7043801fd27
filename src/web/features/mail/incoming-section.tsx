import { Button, Group, Select, Stack, Switch, TagsInput, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { SectionCard } from "@web/components/section-card";
import { useTranslation } from "react-i18next";
import type { EmailSettings } from "./mail-api";
import { portError, ServerFields, type ServerValues } from "./server-fields";
import { unprefix } from "./smtp-section";
import { TestResult } from "./test-result";
import { useEmailTest, useSaveEmailSettings } from "./use-mail";

interface IncomingValues extends ServerValues {
  enabled: boolean;
  folder: string;
  afterRead: "mark_seen" | "move";
  moveTo: string;
  pollSeconds: string;
  intakeAddresses: string[];
}

const toValues = (settings: EmailSettings): IncomingValues => ({
  enabled: settings.imap?.enabled ?? false,
  host: settings.imap?.host ?? "",
  port: String(settings.imap?.port ?? 993),
  security: settings.imap?.security ?? "tls",
  user: settings.imap?.user ?? "",
  password: "",
  folder: settings.imap?.folder ?? "INBOX",
  afterRead: settings.imap?.afterRead ?? "mark_seen",
  moveTo: settings.imap?.moveTo ?? "",
  pollSeconds: String(settings.imap?.pollSeconds ?? 60),
  intakeAddresses: settings.intakeAddresses,
});

const toImap = (values: IncomingValues) => ({
  enabled: values.enabled,
  host: values.host.trim(),
  port: Number(values.port),
  security: values.security,
  user: values.user.trim(),
  folder: values.folder.trim() || "INBOX",
  afterRead: values.afterRead,
  moveTo: values.afterRead === "move" ? values.moveTo.trim() || null : null,
  pollSeconds: Number(values.pollSeconds),
  ...(values.password ? { password: values.password } : {}),
});

/** Incoming mail: the IMAP mailbox polled for new mail, and the addresses the SMTP intake accepts. */
export function IncomingSection({ settings }: { settings: EmailSettings }) {
  const { t } = useTranslation();
  const save = useSaveEmailSettings();
  const test = useEmailTest();
  const form = useForm<IncomingValues>({
    initialValues: toValues(settings),
    validate: {
      host: (v, values) => (values.enabled && !v.trim() ? t("validation.required") : null),
      user: (v, values) => (values.enabled && !v.trim() ? t("validation.required") : null),
      port: (v, values) => (values.enabled || values.host ? portError(v, t) : null),
      moveTo: (v, values) => (values.afterRead === "move" && !v.trim() ? t("validation.required") : null),
      pollSeconds: (v) =>
        /^\d+$/.test(v) && Number(v) >= 10 && Number(v) <= 3600 ? null : t("mail.imap.pollInvalid"),
    },
  });
  const values = form.getValues();
  const listener = settings.intakeListener;

  const submit = form.onSubmit(async (submitted) => {
    try {
      const configured = submitted.host.trim() !== "";
      const saved = await save.mutateAsync({
        imap: configured ? toImap(submitted) : null,
        intakeAddresses: submitted.intakeAddresses.map((a) => a.trim()).filter(Boolean),
      });
      form.setValues(toValues(saved));
      form.resetDirty();
      notifySuccess(t("mail.saved"));
    } catch (error) {
      showFormError(
        {
          getValues: () => ({ imap: form.getValues(), ...form.getValues() }),
          setErrors: (errors) => form.setErrors(unprefix(errors, "imap")),
        },
        error,
      );
    }
  });

  const runTest = () => {
    if (form.validate().hasErrors) return;
    test.mutate({ target: "imap", imap: toImap(form.getValues()) });
  };

  return (
    <SectionCard title={t("mail.imap.title")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Switch
            label={t("mail.imap.enabled")}
            description={t("mail.imap.enabledHint")}
            {...form.getInputProps("enabled", { type: "checkbox" })}
          />
          <ServerFields
            form={form}
            passwordSet={settings.imap?.passwordSet ?? false}
            disabled={false}
            hostPlaceholder="imap.example.com"
            required={values.enabled}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t("mail.imap.folder")} miw={180} {...form.getInputProps("folder")} />
            <Select
              label={t("mail.imap.afterRead")}
              allowDeselect={false}
              miw={220}
              data={[
                { value: "mark_seen", label: t("mail.imap.markSeen") },
                { value: "move", label: t("mail.imap.move") },
              ]}
              {...form.getInputProps("afterRead")}
            />
            {values.afterRead === "move" && (
              <TextInput label={t("mail.imap.moveTo")} required miw={180} {...form.getInputProps("moveTo")} />
            )}
            <TextInput
              label={t("mail.imap.pollSeconds")}
              inputMode="numeric"
              miw={200}
              {...form.getInputProps("pollSeconds")}
            />
          </Group>
          <TagsInput
            label={t("mail.intake.addresses")}
            description={t("mail.intake.hint")}
            placeholder="anfragen@example.com"
            splitChars={[",", " ", ";"]}
            {...form.getInputProps("intakeAddresses")}
          />
          <Text size="sm" c="dimmed">
            {listener.port === null
              ? t("mail.intake.listenerOff")
              : t("mail.intake.listenerOn", { port: listener.port })}
          </Text>
          {test.data && <TestResult result={test.data} />}
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={runTest}
              loading={test.isPending}
              disabled={!values.host.trim()}
            >
              {t("mail.test.button")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
