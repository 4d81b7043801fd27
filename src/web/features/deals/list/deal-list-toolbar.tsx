import { Badge, Button, Group, SegmentedControl, Select, Switch, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconFilter, IconSearch } from "@tabler/icons-react";
import { ColumnChooser } from "@web/components/column-chooser";
import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { useEffect, useRef, useState } from "react";
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

const SEARCH_DELAY_MS = 300;
const ALL = "all";

export function DealListToolbar(props: DealListToolbarProps) {
  const { filters, columns, onFiltersChange, onColumnsChange, onOpenFilters } = props;
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const [search, setSearch] = useState(filters.q);
  // The last search this box sent; a different q in the URL came from elsewhere (a reset, a link).
  const committed = useRef(filters.q);
  const commitSearch = useDebouncedCallback((value: string) => {
    committed.current = value.trim();
    onFiltersChange({ q: value.trim() });
  }, SEARCH_DELAY_MS);
  useEffect(() => {
    if (filters.q !== committed.current) {
      committed.current = filters.q;
      setSearch(filters.q);
    }
  }, [filters.q]);
  const count = drawerFilterCount(filters);

  return (
    <Group gap="sm" wrap="wrap" align="center">
      <TextInput
        aria-label={t("deal.list.searchLabel")}
        placeholder={t("deal.list.searchPlaceholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          commitSearch(event.currentTarget.value);
        }}
        type="search"
        style={{ flex: "1 1 220px" }}
        maw={340}
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
        <Button
          variant={count > 0 ? "light" : "default"}
          leftSection={<IconFilter size={16} aria-hidden />}
          rightSection={
            count > 0 ? (
              <Badge size="xs" circle>
                {count}
              </Badge>
            ) : undefined
          }
          onClick={onOpenFilters}
        >
          {t("deal.list.filters")}
        </Button>
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
