import { Group, SegmentedControl, Select, Switch } from "@mantine/core";
import { ColumnChooser } from "@web/components/column-chooser";
import { SearchBox } from "@web/components/search-box";
import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { FilterButton } from "@web/features/records/filters/filter-button";
import { useTranslation } from "react-i18next";
import { DEAL_COLUMNS, type DealColumn } from "./deal-columns";
import { type DealFilters, drawerFilterCount, STATUS_FILTERS } from "./deal-list-params";

interface DealListToolbarProps {
  filters: DealFilters;
  columns: readonly DealColumn[];
  onFiltersChange: (patch: Partial<DealFilters>) => void;
  onColumnsChange: (columns: DealColumn[]) => void;
  onOpenFilters: () => void;
}

const ALL = "all";

export function DealListToolbar(props: DealListToolbarProps) {
  const { filters, columns, onFiltersChange, onColumnsChange, onOpenFilters } = props;
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
        <ColumnChooser
          label={t("deal.list.columns")}
          columns={DEAL_COLUMNS.map((id) => ({ id, label: t(`deal.columns.${id}`) }))}
          visible={columns}
          onChange={onColumnsChange}
        />
      </Group>
    </Group>
  );
}
