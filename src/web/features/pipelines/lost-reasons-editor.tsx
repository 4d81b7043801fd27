import { ActionIcon, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useTranslation } from "react-i18next";
import { useLostReasons, useUpdateLostReasons } from "./use-pipelines";

/** The reasons offered when a deal is marked lost (users may still type another one). */
export function LostReasonsEditor() {
  const { t } = useTranslation();
  const reasons = useLostReasons();
  return (
    <SectionCard title={t("pipelines.lostReasons.title")}>
      <QueryStates query={reasons} compact />
      <Text size="sm" c="dimmed" mb="sm">
        {t("pipelines.lostReasons.description")}
      </Text>
      {reasons.data && <ReasonsForm reasons={reasons.data} />}
    </SectionCard>
  );
}

function ReasonsForm({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  const update = useUpdateLostReasons();
  // Paths match the API's (reasons.2), so server errors land beside the input.
  const form = useForm({
    initialValues: { reasons },
    validate: { reasons: (list) => (list.some((r) => !r.trim()) ? t("pipelines.lostReasons.empty") : null) },
  });
  const rows = form.getValues().reasons;

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values.reasons.map((r) => r.trim()));
      form.setInitialValues({ reasons: saved });
      form.setValues({ reasons: saved });
      notifySuccess(t("pipelines.lostReasons.saved"));
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {rows.map((reason, index) => (
          // Plain text rows without identity of their own; the index is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              aria-label={t("pipelines.lostReasons.reasonOf", { position: index + 1 })}
              style={{ flex: 1 }}
              maw={480}
              {...form.getInputProps(`reasons.${index}`)}
              error={form.errors[`reasons.${index}`] ?? (!reason.trim() && form.errors.reasons)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              onClick={() => form.removeListItem("reasons", index)}
              disabled={rows.length <= 1}
              aria-label={t("pipelines.lostReasons.remove", { reason })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between" mt="xs" maw={524}>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => form.insertListItem("reasons", "")}
            disabled={rows.length >= 50}
          >
            {t("pipelines.lostReasons.add")}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t("pipelines.lostReasons.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
