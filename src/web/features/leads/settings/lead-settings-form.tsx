import { Button, Divider, Group, MultiSelect, Stack, Switch, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { ScoreRecalculationStatus } from "@web/features/settings/score-recalculation-status";
import type { AppSettings, ScoreRule } from "@web/features/settings/settings-api";
import { useUpdateAppSettings } from "@web/features/settings/use-app-settings";
import { useTeams } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";
import { type ScoreRuleRow, toRow, toRule } from "./score-rule-rows";
import { ScoreRulesEditor } from "./score-rules-editor";

export interface LeadSettingsValues {
  sqlRequiresBant: boolean;
  roundRobin: { enabled: boolean; teamIds: string[] };
  leadScoreRules: ScoreRuleRow[];
}

const toValues = (settings: AppSettings): LeadSettingsValues => ({
  sqlRequiresBant: settings.sqlRequiresBant,
  roundRobin: { enabled: settings.roundRobin.enabled, teamIds: settings.roundRobin.teamIds },
  leadScoreRules: settings.leadScoreRules.map(toRow),
});

export function LeadSettingsForm({ settings, canEdit }: { settings: AppSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateAppSettings();
  const { data: teams } = useTeams();
  const form = useForm<LeadSettingsValues>({
    initialValues: toValues(settings),
    validate: {
      leadScoreRules: {
        points: (value) =>
          typeof value === "number" && Number.isInteger(value) ? null : t("validation.required"),
        subject: (value) => (value ? null : t("validation.required")),
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    const rules = values.leadScoreRules.map(toRule).filter((rule): rule is ScoreRule => rule !== null);
    try {
      const saved = await update.mutateAsync({
        sqlRequiresBant: values.sqlRequiresBant,
        roundRobin: values.roundRobin,
        leadScoreRules: rules,
      });
      form.setInitialValues(toValues(saved));
      form.setValues(toValues(saved));
      notifySuccess(t("leads.settings.saved"));
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg" maw={760}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t("leads.settings.qualification")}
          </Title>
          <Switch
            label={t("leads.settings.sqlRequiresBant")}
            description={t("leads.settings.sqlRequiresBantHint")}
            disabled={!canEdit}
            {...form.getInputProps("sqlRequiresBant", { type: "checkbox" })}
          />
        </Stack>
        <Divider />
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t("leads.settings.roundRobin")}
          </Title>
          <Switch
            label={t("leads.settings.roundRobinEnabled")}
            description={t("leads.settings.roundRobinHint")}
            disabled={!canEdit}
            {...form.getInputProps("roundRobin.enabled", { type: "checkbox" })}
          />
          <MultiSelect
            label={t("leads.settings.roundRobinTeams")}
            data={(teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
            disabled={!canEdit || !form.values.roundRobin.enabled}
            searchable
            clearable
            maw={480}
            {...form.getInputProps("roundRobin.teamIds")}
          />
        </Stack>
        <Divider />
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t("leads.settings.rules")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("leads.settings.rulesHint")}
          </Text>
          <ScoreRecalculationStatus />
          <ScoreRulesEditor form={form} disabled={!canEdit} />
        </Stack>
        {canEdit && (
          <Group justify="flex-end">
            <Button variant="default" onClick={form.reset} disabled={!form.isDirty()}>
              {t("common.reset")}
            </Button>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              {t("leads.settings.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
