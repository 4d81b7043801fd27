import {
  Button,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
} from "@mantine/core";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { canRestoreLeads } from "@web/features/auth/permissions";
import { RecordFilterFields } from "@web/features/records/filters/record-filter-fields";
import { useTeams } from "@web/features/teams/use-teams";
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
}

const toScore = (value: string | number) => (typeof value === "number" ? value : null);

/** Every filter of the list; changes apply at once, so the table behind shows their effect. */
export function LeadFilterDrawer({
  opened,
  onClose,
  filters,
  onChange,
  owners,
  knownTags,
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
          <NumberInput
            label={t("leads.filter.scoreMin")}
            min={0}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            value={filters.scoreMin ?? ""}
            onChange={(value) => onChange({ scoreMin: toScore(value) })}
          />
          <NumberInput
            label={t("leads.filter.scoreMax")}
            min={0}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            value={filters.scoreMax ?? ""}
            onChange={(value) => onChange({ scoreMax: toScore(value) })}
          />
        </Group>
        {canRestoreLeads(me.role) && (
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
