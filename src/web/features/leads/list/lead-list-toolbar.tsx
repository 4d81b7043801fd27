import { Badge, Button, Group, Switch, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconFilter, IconSearch } from "@tabler/icons-react";
import { ColumnChooser } from "@web/components/column-chooser";
import type { SavedView } from "@web/features/saved-views/saved-views-api";
import { SavedViewsMenu } from "@web/features/saved-views/saved-views-menu";
import { useEffect, useRef, useState } from "react";
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

const SEARCH_DELAY_MS = 300;

export function LeadListToolbar(props: LeadListToolbarProps) {
  const { filters, sort, columns, onFiltersChange, onColumnsChange, onApplyView, onOpenFilters } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.q);
  // The last search this box sent; a different q in the URL came from elsewhere (a view, a reset).
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
  const count = activeFilterCount(filters) - (filters.mine ? 1 : 0);

  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <TextInput
        aria-label={t("leads.list.searchLabel")}
        placeholder={t("leads.list.searchPlaceholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          commitSearch(event.currentTarget.value);
        }}
        type="search"
        style={{ flex: "1 1 260px" }}
        maw={420}
      />
      <Switch
        label={t("leads.list.mine")}
        checked={filters.mine}
        onChange={(event) => onFiltersChange({ mine: event.currentTarget.checked })}
        style={{ alignSelf: "center" }}
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
          {t("leads.list.filters")}
        </Button>
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
