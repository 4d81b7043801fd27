import { Button, Divider, Group, MultiSelect, Stack, Switch, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { type NumberReader, useNumberReader } from "@web/components/number-field";
import { ScoreRecalculationStatus } from "@web/features/settings/score-recalculation-status";
import type { AppSettings, ScoreRule } from "@web/features/settings/settings-api";
import { useUpdateAppSettings } from "@web/features/settings/use-app-settings";
import { useTeams } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";
import { POINTS_RULES, type ScoreRuleRow, toRow, toRule, WITHIN_DAYS_RULES } from "./score-rule-rows";
import { ScoreRulesEditor } from "./score-rules-editor";

export interface LeadSettingsValues {
  sqlRequiresBant: boolean;
  roundRobin: { enabled: boolean; teamIds: string[] };
  leadScoreRules: ScoreRuleRow[];
}

const toValues = (settings: AppSettings, numbers: NumberReader): LeadSettingsValues => ({
  sqlRequiresBant: settings.sqlRequiresBant,
  roundRobin: { enabled: settings.roundRobin.enabled, teamIds: settings.roundRobin.teamIds },
  leadScoreRules: settings.leadScoreRules.map((rule) => toRow(rule, numbers)),
});

/** The row a list validator's path ("leadScoreRules.2.subject") belongs to. */
const rowAt = (values: LeadSettingsValues, path: string) => values.leadScoreRules[Number(path.split(".")[1])];

export function LeadSettingsForm({ settings, canEdit }: { settings: AppSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateAppSettings();
  const { data: teams } = useTeams();
  const numbers = useNumberReader();
  const form = useForm<LeadSettingsValues>({
    initialValues: toValues(settings, numbers),
    validate: {
      leadScoreRules: {
        points: (value) => (value.trim() ? numbers.error(value, POINTS_RULES) : t("validation.required")),
        subject: (value, values, path) => {
          if (!value.trim()) return t("validation.required");
          return rowAt(values, path)?.kind === "recent_activity"
            ? numbers.error(value, WITHIN_DAYS_RULES)
            : null;
        },
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    const rules = values.leadScoreRules
      .map((row) => toRule(row, numbers))
      .filter((rule): rule is ScoreRule => rule !== null);
    try {
      const saved = await update.mutateAsync({
        sqlRequiresBant: values.sqlRequiresBant,
        roundRobin: values.roundRobin,
        leadScoreRules: rules,
      });
      form.setInitialValues(toValues(saved, numbers));
      form.setValues(toValues(saved, numbers));
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
