import {
  Button,
  Drawer,
  Group,
  MultiSelect,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { PERCENT_RULES } from "@shared/locale-number";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { CustomFieldFilterInputs } from "@web/features/custom-fields/custom-field-list-filters";
import type { CustomField } from "@web/features/custom-fields/custom-fields-api";
import { RecordFilterFields } from "@web/features/records/filters/record-filter-fields";
import { useTeams } from "@web/features/teams/use-teams";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  isLeadSource,
  isLeadStatus,
  isLifecycleStage,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
} from "../lead-model";
import type { OwnerOption } from "../use-owner-options";
import { EMPTY_FILTERS, type LeadFilters } from "./lead-list-params";

interface LeadFilterDrawerProps {
  opened: boolean;
  onClose: () => void;
  filters: LeadFilters;
  onChange: (patch: Partial<LeadFilters>) => void;
  owners: OwnerOption[];
  knownTags: string[];
  /** The lead's custom fields: the filterable ones get an input each. */
  customFields: readonly CustomField[];
}

/**
 * A score bound (0–100) that applies as soon as it reads as a number; while it does not, the filter keeps
 * its last value and the field says why beside it.
 */
function ScoreBoundInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  const numbers = useNumberReader();
  const [text, setText] = useState(() => numbers.format(value, PERCENT_RULES));
  // Follows the filter when it changes from outside (reset, a saved view), not while the user types.
  useEffect(() => {
    setText((current) => {
      const reading = numbers.read(current, PERCENT_RULES);
      const shown = reading.kind === "number" ? reading.value : null;
      return reading.kind !== "invalid" && shown !== value ? numbers.format(value, PERCENT_RULES) : current;
    });
  }, [value, numbers]);
  return (
    <NumberField
      label={label}
      rules={PERCENT_RULES}
      value={text}
      onChange={(next) => {
        setText(next);
        const reading = numbers.read(next, PERCENT_RULES);
        if (reading.kind === "number") onChange(reading.value);
        else if (reading.kind === "empty") onChange(null);
      }}
    />
  );
}

/** Every filter of the list; changes apply at once, so the table behind shows their effect. */
export function LeadFilterDrawer({
  opened,
  onClose,
  filters,
  onChange,
  owners,
  knownTags,
  customFields,
}: LeadFilterDrawerProps) {
  const { t } = useTranslation();
  const { data: teams } = useTeams();
  const me = useCurrentUser();
  const bantValue = filters.bantQualified === null ? "any" : filters.bantQualified ? "yes" : "no";

  return (
    <Drawer opened={opened} onClose={onClose} title={t("leads.filter.title")} position="right" size="md">
      <Stack gap="md">
        <MultiSelect
          label={t("leads.filter.status")}
          data={LEAD_STATUSES.map((status) => ({ value: status, label: t(`leads.status.${status}`) }))}
          value={filters.status}
          onChange={(values) => onChange({ status: values.filter(isLeadStatus) })}
          clearable
          placeholder={filters.status.length ? undefined : t("leads.filter.anyPlaceholder")}
        />
        <MultiSelect
          label={t("leads.filter.lifecycle")}
          data={LIFECYCLE_STAGES.map((stage) => ({
            value: stage,
            label: `${t(`leads.lifecycle.${stage}`)} – ${t(`leads.lifecycleName.${stage}`)}`,
          }))}
          value={filters.lifecycleStage}
          onChange={(values) => onChange({ lifecycleStage: values.filter(isLifecycleStage) })}
          clearable
          placeholder={filters.lifecycleStage.length ? undefined : t("leads.filter.anyPlaceholder")}
        />
        <MultiSelect
          label={t("leads.filter.source")}
          data={LEAD_SOURCES.map((source) => ({ value: source, label: t(`leads.source.${source}`) }))}
          value={filters.source}
          onChange={(values) => onChange({ source: values.filter(isLeadSource) })}
          clearable
          searchable
          placeholder={filters.source.length ? undefined : t("leads.filter.anyPlaceholder")}
        />
        <TextInput
          label={t("leads.fields.sourceDetail")}
          description={t("leads.filter.sourceDetailHint")}
          value={filters.sourceDetail}
          onChange={(event) => onChange({ sourceDetail: event.currentTarget.value })}
        />
        <RecordFilterFields
          filters={filters}
          onChange={onChange}
          owners={owners}
          teams={teams ?? []}
          knownTags={knownTags}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="lead-filter-bant">
            {t("leads.filter.bantQualified")}
          </Text>
          <SegmentedControl
            aria-labelledby="lead-filter-bant"
            value={bantValue}
            onChange={(value) => onChange({ bantQualified: value === "any" ? null : value === "yes" })}
            data={[
              { value: "any", label: t("leads.filter.any") },
              { value: "yes", label: t("leads.filter.yes") },
              { value: "no", label: t("leads.filter.no") },
            ]}
          />
        </Stack>
        <Group grow align="flex-start">
          <ScoreBoundInput
            label={t("leads.filter.scoreMin")}
            value={filters.scoreMin}
            onChange={(scoreMin) => onChange({ scoreMin })}
          />
          <ScoreBoundInput
            label={t("leads.filter.scoreMax")}
            value={filters.scoreMax}
            onChange={(scoreMax) => onChange({ scoreMax })}
          />
        </Group>
        <CustomFieldFilterInputs
          fields={customFields}
          value={filters.cf}
          onChange={(cf) => onChange({ cf })}
        />
        {me.abilities["lead.restore"] && (
          <Switch
            label={t("leads.filter.deleted")}
            description={t("leads.filter.deletedHint")}
            checked={filters.deleted}
            onChange={(event) => onChange({ deleted: event.currentTarget.checked })}
          />
        )}
        <Group justify="space-between" mt="sm">
          <Button variant="subtle" onClick={() => onChange({ ...EMPTY_FILTERS, q: filters.q })}>
            {t("leads.list.resetFilters")}
          </Button>
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
