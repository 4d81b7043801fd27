import { Button, Drawer, Group, MultiSelect, Stack } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { CustomFieldFilterInputs } from "@web/features/custom-fields/custom-field-list-filters";
import type { CustomField } from "@web/features/custom-fields/custom-fields-api";
import type { OwnerOption } from "@web/features/leads/use-owner-options";
import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { useTeams } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";
import type { DealFilters } from "./deal-list-params";

interface DealFilterDrawerProps {
  opened: boolean;
  onClose: () => void;
  filters: DealFilters;
  onChange: (patch: Partial<DealFilters>) => void;
  owners: OwnerOption[];
  /** The deal's custom fields: the filterable ones get an input each. */
  customFields: readonly CustomField[];
}

/** The filters behind the toolbar's button; changes apply at once, so the table behind shows their effect. */
export function DealFilterDrawer({
  opened,
  onClose,
  filters,
  onChange,
  owners,
  customFields,
}: DealFilterDrawerProps) {
  const { t } = useTranslation();
  const { data: teams } = useTeams();
  const pipelines = usePipelines();
  const shown = (pipelines.data ?? []).filter((p) => !filters.pipelineId || p.id === filters.pipelineId);
  // Stages grouped by pipeline when the list spans several.
  const stageData =
    shown.length === 1
      ? (shown[0]?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))
      : shown.map((p) => ({ group: p.name, items: p.stages.map((s) => ({ value: s.id, label: s.name })) }));
  const any = (values: readonly unknown[]) => (values.length ? undefined : t("deal.filter.any"));

  return (
    <Drawer opened={opened} onClose={onClose} title={t("deal.filter.title")} position="right" size="md">
      <Stack gap="md">
        <MultiSelect
          label={t("deal.fields.stage")}
          data={stageData}
          value={filters.stageId}
          onChange={(stageId) => onChange({ stageId })}
          clearable
          searchable
          placeholder={any(filters.stageId)}
        />
        <MultiSelect
          label={t("deal.fields.owner")}
          data={[
            { value: "none", label: t("deal.fields.noOwner") },
            ...owners.map((owner) => ({ value: owner.id, label: owner.name })),
          ]}
          value={filters.ownerId}
          onChange={(ownerId) => onChange({ ownerId })}
          clearable
          searchable
          placeholder={any(filters.ownerId)}
        />
        <MultiSelect
          label={t("deal.filter.team")}
          data={(teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={filters.teamId}
          onChange={(teamId) => onChange({ teamId })}
          clearable
          searchable
          placeholder={any(filters.teamId)}
        />
        <DatePickerInput
          type="range"
          label={t("deal.fields.expectedCloseDate")}
          placeholder={t("deal.filter.closePlaceholder")}
          value={[filters.closeFrom, filters.closeTo]}
          onChange={([from, to]) => onChange({ closeFrom: from, closeTo: to })}
          clearable
          allowSingleDateInRange
          valueFormat="ll"
        />
        <CustomFieldFilterInputs
          fields={customFields}
          value={filters.cf}
          onChange={(cf) => onChange({ cf })}
        />
        <Group justify="space-between" mt="sm">
          <Button
            variant="subtle"
            onClick={() =>
              onChange({ stageId: [], ownerId: [], teamId: [], closeFrom: null, closeTo: null, cf: {} })
            }
          >
            {t("deal.filter.reset")}
          </Button>
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
