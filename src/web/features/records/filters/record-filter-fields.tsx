import { MultiSelect, TagsInput } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { NO_OWNER, type RecordFilters } from "./record-filters";

interface Named {
  id: string;
  name: string;
}

interface RecordFilterFieldsProps {
  filters: RecordFilters;
  onChange: (patch: Partial<RecordFilters>) => void;
  /** Users to filter by (the caller first); "unassigned" is added. */
  owners: readonly Named[];
  teams: readonly Named[];
  /** Tags to suggest (others can be typed). */
  knownTags: readonly string[];
}

/** Owner, team, tags and created range: the filter inputs every record list's drawer starts with. */
export function RecordFilterFields({ filters, onChange, owners, teams, knownTags }: RecordFilterFieldsProps) {
  const { t } = useTranslation();
  const any = (values: readonly unknown[]) => (values.length ? undefined : t("recordList.filter.any"));
  return (
    <>
      <MultiSelect
        label={t("recordList.filter.owner")}
        data={[
          { value: NO_OWNER, label: t("recordList.filter.unassigned") },
          ...owners.map((owner) => ({ value: owner.id, label: owner.name })),
        ]}
        value={filters.ownerId}
        onChange={(ownerId) => onChange({ ownerId })}
        clearable
        searchable
        placeholder={any(filters.ownerId)}
      />
      <MultiSelect
        label={t("recordList.filter.team")}
        data={teams.map((team) => ({ value: team.id, label: team.name }))}
        value={filters.teamId}
        onChange={(teamId) => onChange({ teamId })}
        clearable
        searchable
        placeholder={any(filters.teamId)}
      />
      <TagsInput
        label={t("recordList.filter.tags")}
        placeholder={t("recordList.filter.tagsPlaceholder")}
        data={[...knownTags]}
        value={filters.tags}
        onChange={(tags) => onChange({ tags })}
        clearable
      />
      <DatePickerInput
        type="range"
        label={t("recordList.filter.created")}
        placeholder={t("recordList.filter.createdPlaceholder")}
        value={[filters.createdFrom, filters.createdTo]}
        onChange={([from, to]) => onChange({ createdFrom: from, createdTo: to })}
        clearable
        allowSingleDateInRange
        valueFormat="ll"
      />
    </>
  );
}
