import { Button, Group, Stack, TextInput } from "@mantine/core";
import { hasLength, isNotEmpty, useForm } from "@mantine/form";
import type { CreatedApiToken } from "@web/api/types";
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
