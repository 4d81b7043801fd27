import { SimpleGrid, Stack, TextInput } from "@mantine/core";
import { hasLength, isEmail, isNotEmpty, useForm } from "@mantine/form";
import type { Locale, Role } from "@shared/schemas/common";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { LanguageSelect } from "@web/components/language-select";
import { notifySuccess } from "@web/components/notify";
import { PasswordField } from "@web/components/password-field";
import { MIN_PASSWORD_LENGTH } from "@web/features/auth/password-policy";
import { currentLocale, isLocale } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";
import { isRole } from "./roles";
import { useCreateUser } from "./use-users";
import { RoleSelect, TeamSelect } from "./user-selects";

interface UserCreateFormValues {
  name: string;
  email: string;
  password: string;
  role: Role | null;
  teamId: string | null;
  locale: Locale | null;
}

export function UserCreateForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const createUser = useCreateUser();
  const form = useForm<UserCreateFormValues>({
    initialValues: {
      name: "",
      email: "",
      password: "",
      role: "sales",
      teamId: null,
      locale: currentLocale(),
    },
    validate: {
      name: isNotEmpty(t("validation.required")),
      email: isEmail(t("validation.email")),
      password: hasLength(
        { min: MIN_PASSWORD_LENGTH },
        t("validation.passwordLength", { count: MIN_PASSWORD_LENGTH }),
      ),
      role: (value) => (isRole(value) ? null : t("validation.required")),
    },
  });

  const submit = form.onSubmit(async ({ name, email, password, role, teamId, locale }) => {
    if (!isRole(role)) return;
    try {
      const user = await createUser.mutateAsync({
        name: name.trim(),
        email: email.trim(),
        password,
        role,
        teamId,
        locale: isLocale(locale) ? locale : undefined,
      });
      notifySuccess(t("users.created", { name: user.name }));
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label={t("users.name")} required data-autofocus {...form.getInputProps("name")} />
        <TextInput label={t("users.email")} type="email" required {...form.getInputProps("email")} />
        <PasswordField
          label={t("users.password")}
          description={t("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          {...form.getInputProps("password")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <RoleSelect required {...form.getInputProps("role")} />
          <TeamSelect {...form.getInputProps("teamId")} />
        </SimpleGrid>
        <LanguageSelect label={t("users.language")} {...form.getInputProps("locale")} />
        <FormActions
          onCancel={onDone}
          submitting={form.submitting}
          submitLabel={t("common.create")}
          mt="xs"
        />
      </Stack>
    </form>
  );
}
