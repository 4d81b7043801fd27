import { Group, Switch } from "@mantine/core";
import { SearchBox } from "@web/components/search-box";
import { CustomColumnChooser } from "@web/features/custom-fields/list/custom-column-chooser";
import type { CustomListColumns } from "@web/features/custom-fields/list/use-custom-list-columns";
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
  custom: CustomListColumns;
  onFiltersChange: (patch: Partial<LeadFilters>) => void;
  onColumnsChange: (columns: LeadColumn[]) => void;
  onApplyView: (view: SavedView) => void;
  onOpenFilters: () => void;
}

export function LeadListToolbar(props: LeadListToolbarProps) {
  const { filters, sort, columns, onFiltersChange, onColumnsChange, onApplyView, onOpenFilters } = props;
  const { t } = useTranslation();
  const { custom } = props;
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
            columns: [...columns, ...custom.columns],
          }}
          onApply={onApplyView}
        />
        <CustomColumnChooser
          label={t("leads.list.columns")}
          own={LEAD_COLUMNS.map((id) => ({ id, label: t(`leads.columns.${id}`) }))}
          visible={columns}
          onChange={onColumnsChange}
          custom={custom}
        />
      </Group>
    </Group>
  );
}
