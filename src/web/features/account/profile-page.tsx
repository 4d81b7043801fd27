import { Button, Group, Paper, Stack, TextInput } from "@mantine/core";
import { isNotEmpty, useForm } from "@mantine/form";
import type { Locale } from "@shared/schemas/common";
import { showFormError } from "@web/components/form-errors";
import { LanguageSelect } from "@web/components/language-select";
import { notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { isLocale } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";
import { useUpdateMe } from "./use-account";

interface ProfileFormValues {
  name: string;
  locale: Locale | null;
}

export function ProfilePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const updateMe = useUpdateMe();
  const form = useForm<ProfileFormValues>({
    initialValues: { name: user.name, locale: user.locale },
    validate: { name: isNotEmpty(t("validation.required")) },
  });

  const submit = form.onSubmit(async ({ name, locale }) => {
    try {
      const session = await updateMe.mutateAsync({
        name: name.trim(),
        locale: isLocale(locale) ? locale : undefined,
      });
      form.resetDirty({ name: session.user.name, locale: session.user.locale });
      notifySuccess(t("profile.saved"));
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <>
      <PageHeader order={2} title={t("settings.profile")} description={t("profile.description")} />
      <Paper withBorder radius="md" p="lg" maw={520}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput label={t("profile.email")} value={user.email} readOnly variant="filled" />
            <TextInput
              label={t("profile.name")}
              autoComplete="name"
              required
              {...form.getInputProps("name")}
            />
            <LanguageSelect label={t("profile.language")} {...form.getInputProps("locale")} />
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
