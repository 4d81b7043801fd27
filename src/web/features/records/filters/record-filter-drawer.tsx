import { Button, Drawer, Group, Stack } from "@mantine/core";
import { CustomFieldFilterInputs } from "@web/features/custom-fields/custom-field-list-filters";
import type { CustomField } from "@web/features/custom-fields/custom-fields-api";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useTeams } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";
import { RecordFilterFields } from "./record-filter-fields";
import type { RecordFilters } from "./record-filters";

interface RecordFilterDrawerProps {
  title: string;
  opened: boolean;
  onClose: () => void;
  filters: RecordFilters;
  onChange: (patch: Partial<RecordFilters>) => void;
  knownTags: readonly string[];
  /** Clears every filter of the drawer (its own and the custom ones) in one change of the URL. */
  onReset: () => void;
  /** The record's custom fields: the filterable ones get an input each (`cf.<key>` parameters). */
  custom: {
    fields: readonly CustomField[];
    value: Record<string, string>;
    onChange: (next: Record<string, string>) => void;
  };
}

/** The contact and company lists' filters; changes apply at once, so the table behind shows their effect. */
export function RecordFilterDrawer({
  title,
  opened,
  onClose,
  filters,
  onChange,
  knownTags,
  onReset,
  custom,
}: RecordFilterDrawerProps) {
  const { t } = useTranslation();
  const { owners } = useOwnerOptions();
  const { data: teams } = useTeams();
  return (
    <Drawer opened={opened} onClose={onClose} title={title} position="right" size="md">
      <Stack gap="md">
        <RecordFilterFields
          filters={filters}
          onChange={onChange}
          owners={owners}
          teams={teams ?? []}
          knownTags={knownTags}
        />
        <CustomFieldFilterInputs fields={custom.fields} value={custom.value} onChange={custom.onChange} />
        <Group justify="space-between" mt="sm">
          <Button variant="subtle" onClick={onReset}>
            {t("recordList.filter.reset")}
          </Button>
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
