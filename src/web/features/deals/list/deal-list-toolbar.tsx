import { Group, SegmentedControl, Select, Switch } from "@mantine/core";
import { SearchBox } from "@web/components/search-box";
import { CustomColumnChooser } from "@web/features/custom-fields/list/custom-column-chooser";
import type { CustomListColumns } from "@web/features/custom-fields/list/use-custom-list-columns";
import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { FilterButton } from "@web/features/records/filters/filter-button";
import type { SavedView } from "@web/features/saved-views/saved-views-api";
import { SavedViewsMenu } from "@web/features/saved-views/saved-views-menu";
import { useTranslation } from "react-i18next";
import { DEAL_COLUMNS, type DealColumn } from "./deal-columns";
import {
  type DealFilters,
  type DealSort,
  drawerFilterCount,
  filterParams,
  STATUS_FILTERS,
  sortParam,
} from "./deal-list-params";

interface DealListToolbarProps {
  filters: DealFilters;
  sort: DealSort;
  columns: readonly DealColumn[];
  /** The deal's custom fields, offered as columns after the deal's own. */
  custom: CustomListColumns;
  onApplyView: (view: SavedView) => void;
  onFiltersChange: (patch: Partial<DealFilters>) => void;
  onColumnsChange: (columns: DealColumn[]) => void;
  onOpenFilters: () => void;
}

const ALL = "all";

export function DealListToolbar(props: DealListToolbarProps) {
  const { filters, columns, onFiltersChange, onColumnsChange, onOpenFilters, custom } = props;
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const count = drawerFilterCount(filters);

  return (
    <Group gap="sm" wrap="wrap" align="center">
      <SearchBox
        label={t("deal.list.searchLabel")}
        placeholder={t("deal.list.searchPlaceholder")}
        value={filters.q}
        onSearch={(q) => onFiltersChange({ q })}
        basis={220}
        maxWidth={340}
      />
      <Select
        aria-label={t("deal.fields.pipeline")}
        data={[
          { value: ALL, label: t("deal.list.allPipelines") },
          ...(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
        value={filters.pipelineId ?? ALL}
        onChange={(value) =>
          // Stages belong to a pipeline; a stage filter of another pipeline would hide everything.
          onFiltersChange({ pipelineId: value === ALL ? null : value, stageId: [] })
        }
        allowDeselect={false}
        w={200}
      />
      <SegmentedControl
        aria-label={t("deal.fields.status")}
        value={filters.status}
        onChange={(value) => {
          const status = STATUS_FILTERS.find((s) => s === value);
          if (status) onFiltersChange({ status });
        }}
        data={STATUS_FILTERS.map((status) => ({ value: status, label: t(`deal.list.status.${status}`) }))}
      />
      <Switch
        label={t("deal.list.mine")}
        checked={filters.mine}
        onChange={(event) => onFiltersChange({ mine: event.currentTarget.checked })}
      />
      <Group gap="sm" ml="auto" wrap="wrap">
        <FilterButton label={t("deal.list.filters")} count={count} onClick={onOpenFilters} />
        <SavedViewsMenu
          entity="deal"
          current={{
            filters: filterParams(filters),
            sort: sortParam(props.sort),
            columns: [...columns, ...custom.columns],
          }}
          onApply={props.onApplyView}
        />
        <CustomColumnChooser
          label={t("deal.list.columns")}
          own={DEAL_COLUMNS.map((id) => ({ id, label: t(`deal.columns.${id}`) }))}
          visible={columns}
          onChange={onColumnsChange}
          custom={custom}
        />
      </Group>
    </Group>
  );
}
