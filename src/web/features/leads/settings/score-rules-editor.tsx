import { ActionIcon, Button, Select, Table, Text } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { NumberField } from "@web/components/number-field";
import { useTranslation } from "react-i18next";
import { BANT_CRITERIA, LEAD_SOURCES, LIFECYCLE_STAGES, SCORE_FIELDS } from "../lead-model";
import type { LeadSettingsValues } from "./lead-settings-form";
import {
  defaultSubject,
  isScoreRuleKind,
  newRow,
  POINTS_RULES,
  SCORE_RULE_KINDS,
  type ScoreRuleRow,
  WITHIN_DAYS_RULES,
} from "./score-rule-rows";

interface ScoreRulesEditorProps {
  form: UseFormReturnType<LeadSettingsValues>;
  disabled: boolean;
}

/** The score rules as an editable table: kind, what it applies to, points. */
export function ScoreRulesEditor({ form, disabled }: ScoreRulesEditorProps) {
  const { t } = useTranslation();
  const rows = form.values.leadScoreRules;

  const subjectOptions = (kind: ScoreRuleRow["kind"]) => {
    switch (kind) {
      case "source":
        return LEAD_SOURCES.map((value) => ({ value, label: t(`leads.source.${value}`) }));
      case "bant":
        return BANT_CRITERIA.map((value) => ({ value, label: t(`bant.criterion.${value}`) }));
      case "field_present":
        return SCORE_FIELDS.map((value) => ({ value, label: t(`leads.fields.${value}`) }));
      case "lifecycle":
        return LIFECYCLE_STAGES.map((value) => ({ value, label: t(`leads.lifecycle.${value}`) }));
      case "recent_activity":
        return null;
      default: {
        const unreachable: never = kind;
        return unreachable;
      }
    }
  };

  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("leads.settings.kind")}</Table.Th>
              <Table.Th>{t("leads.settings.subject")}</Table.Th>
              <Table.Th w={110}>{t("leads.settings.points")}</Table.Th>
              <Table.Th w={44} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => {
              const options = subjectOptions(row.kind);
              const position = index + 1;
              return (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Select
                      aria-label={`${t("leads.settings.kind")} ${position}`}
                      data={SCORE_RULE_KINDS.map((kind) => ({
                        value: kind,
                        label: t(`leads.settings.kinds.${kind}`),
                      }))}
                      value={row.kind}
                      allowDeselect={false}
                      disabled={disabled}
                      onChange={(kind) => {
                        if (!isScoreRuleKind(kind)) return;
                        form.setFieldValue(`leadScoreRules.${index}.kind`, kind);
                        form.setFieldValue(`leadScoreRules.${index}.subject`, defaultSubject(kind));
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    {options ? (
                      <Select
                        aria-label={`${t("leads.settings.subject")} ${position}`}
                        data={options}
                        allowDeselect={false}
                        searchable
                        disabled={disabled}
                        {...form.getInputProps(`leadScoreRules.${index}.subject`)}
                      />
                    ) : (
                      <NumberField
                        aria-label={`${t("leads.settings.days")} ${position}`}
                        rules={WITHIN_DAYS_RULES}
                        disabled={disabled}
                        rightSectionWidth={56}
                        rightSection={
                          <Text size="xs" c="dimmed">
                            {t("leads.settings.days")}
                          </Text>
                        }
                        {...form.getInputProps(`leadScoreRules.${index}.subject`)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NumberField
                      aria-label={`${t("leads.settings.points")} ${position}`}
                      rules={POINTS_RULES}
                      disabled={disabled}
                      {...form.getInputProps(`leadScoreRules.${index}.points`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={disabled}
                      aria-label={t("leads.settings.removeRule", { index: position })}
                      onClick={() => form.removeListItem("leadScoreRules", index)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" my="sm">
          {t("leads.settings.noRules")}
        </Text>
      )}
      <Button
        variant="default"
        size="xs"
        mt="xs"
        style={{ alignSelf: "flex-start" }}
        leftSection={<IconPlus size={14} aria-hidden />}
        disabled={disabled}
        onClick={() => form.insertListItem("leadScoreRules", newRow())}
      >
        {t("leads.settings.addRule")}
      </Button>
    </>
  );
}
