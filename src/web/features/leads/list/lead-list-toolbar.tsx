import { Group, Switch } from "@mantine/core";
import { ColumnChooser } from "@web/components/column-chooser";
import { SearchBox } from "@web/components/search-box";
import {
  customFieldColumn,
  customFieldKeyOfColumn,
} from "@web/features/custom-fields/custom-field-list-filters";
import type { CustomField } from "@web/features/custom-fields/custom-fields-api";
import { FilterButton } from "@web/features/records/filters/filter-button";
import type { SavedView } from "@web/features/saved-views/saved-views-api";
import { SavedViewsMenu } from "@web/features/saved-views/saved-views-menu";
import { useTranslation } from "react-i18next";
import { LEAD_COLUMNS, type LeadColumn } from "./lead-columns";
import {
  activeFilterCount,
  filterParams,
  type LeadFilters,
  type LeadSort,
  sortParam,
} from "./lead-list-params";

interface LeadListToolbarProps {
  filters: LeadFilters;
  sort: LeadSort;
  columns: readonly LeadColumn[];
  /** The lead's custom fields, offered as columns after the lead's own. */
  customFields: readonly CustomField[];
  customColumns: readonly string[];
  onCustomColumnsChange: (columns: string[]) => void;
  onFiltersChange: (patch: Partial<LeadFilters>) => void;
  onColumnsChange: (columns: LeadColumn[]) => void;
  onApplyView: (view: SavedView) => void;
  onOpenFilters: () => void;
}

export function LeadListToolbar(props: LeadListToolbarProps) {
  const { filters, sort, columns, onFiltersChange, onColumnsChange, onApplyView, onOpenFilters } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const { customFields, customColumns, onCustomColumnsChange } = props;
  const count = activeFilterCount(filters) - (filters.mine ? 1 : 0);

  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <SearchBox
        label={t("leads.list.searchLabel")}
        placeholder={t("leads.list.searchPlaceholder")}
        value={filters.q}
        onSearch={(q) => onFiltersChange({ q })}
      />
      <Switch
        label={t("leads.list.mine")}
        checked={filters.mine}
        onChange={(event) => onFiltersChange({ mine: event.currentTarget.checked })}
        style={{ alignSelf: "center" }}
      />
      <Group gap="sm" ml="auto" wrap="wrap">
        <FilterButton label={t("leads.list.filters")} count={count} onClick={onOpenFilters} />
        <SavedViewsMenu
          entity="lead"
          current={{
            filters: filterParams(filters),
            sort: sortParam(sort),
            columns: [...columns, ...customColumns],
          }}
          onApply={onApplyView}
        />
        <ColumnChooser
          label={t("leads.list.columns")}
          columns={[
            ...LEAD_COLUMNS.map((id): { id: string; label: string } => ({
              id,
              label: t(`leads.columns.${id}`),
            })),
            ...customFields.map((f) => ({ id: customFieldColumn(f.key), label: f.label[lang] })),
          ]}
          visible={[...columns, ...customColumns]}
          onChange={(visible) => {
            onColumnsChange(LEAD_COLUMNS.filter((c) => visible.includes(c)));
            onCustomColumnsChange(visible.filter((c) => customFieldKeyOfColumn(c) !== null));
          }}
        />
      </Group>
    </Group>
  );
}
