import { Stack, TextInput } from "@mantine/core";
import { hasLength, isNotEmpty, useForm } from "@mantine/form";
import type { CreatedApiToken } from "@shared/schemas/account";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { useTranslation } from "react-i18next";
import { useCreateApiToken } from "./use-api-tokens";

const MAX_TOKEN_NAME = 100;

interface TokenCreateFormProps {
  onCreated: (token: CreatedApiToken) => void;
  onCancel: () => void;
}

export function TokenCreateForm({ onCreated, onCancel }: TokenCreateFormProps) {
  const { t } = useTranslation();
  const createToken = useCreateApiToken();
  const form = useForm({
    initialValues: { name: "" },
    validate: {
      name: (value) =>
        isNotEmpty(t("validation.required"))(value) ??
        hasLength({ max: MAX_TOKEN_NAME }, t("validation.tooLong", { count: MAX_TOKEN_NAME }))(value),
    },
  });

  const submit = form.onSubmit(async ({ name }) => {
    try {
      onCreated(await createToken.mutateAsync({ name: name.trim() }));
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("apiTokens.name")}
          description={t("apiTokens.nameHint")}
          required
          data-autofocus
          {...form.getInputProps("name")}
        />
        <FormActions onCancel={onCancel} submitting={form.submitting} submitLabel={t("common.create")} />
      </Stack>
    </form>
  );
}
