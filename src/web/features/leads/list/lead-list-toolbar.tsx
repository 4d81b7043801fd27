import { Group, Switch } from "@mantine/core";
import { ColumnChooser } from "@web/components/column-chooser";
import { SearchBox } from "@web/components/search-box";
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
  onFiltersChange: (patch: Partial<LeadFilters>) => void;
  onColumnsChange: (columns: LeadColumn[]) => void;
  onApplyView: (view: SavedView) => void;
  onOpenFilters: () => void;
}

export function LeadListToolbar(props: LeadListToolbarProps) {
  const { filters, sort, columns, onFiltersChange, onColumnsChange, onApplyView, onOpenFilters } = props;
  const { t } = useTranslation();
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
          current={{ filters: filterParams(filters), sort: sortParam(sort), columns: [...columns] }}
          onApply={onApplyView}
        />
        <ColumnChooser
          label={t("leads.list.columns")}
          columns={LEAD_COLUMNS.map((id) => ({ id, label: t(`leads.columns.${id}`) }))}
          visible={columns}
          onChange={onColumnsChange}
        />
      </Group>
    </Group>
  );
}
