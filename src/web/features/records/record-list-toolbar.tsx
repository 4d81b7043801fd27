import { Chip, Group } from "@mantine/core";
import { SearchBox } from "@web/components/search-box";
import type { SavedView } from "@web/features/saved-views/saved-views-api";
import { SavedViewsMenu } from "@web/features/saved-views/saved-views-menu";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FilterButton } from "./filters/filter-button";

interface RecordListToolbarProps {
  searchLabel: string;
  searchPlaceholder: string;
  q: string;
  onSearch: (q: string) => void;
  mine: boolean;
  onMine: (on: boolean) => void;
  /** Filters set in the drawer, for the button's badge. */
  filterCount: number;
  onOpenFilters: () => void;
  /** Saved views of this list, given what "save current view" stores. */
  views?: {
    entity: "contact" | "company";
    current: { filters: Record<string, string>; sort: string; columns: string[] };
    onApply: (view: SavedView) => void;
  };
  /** The column chooser (with the record's custom fields). */
  columnChooser: ReactNode;
}

/** Search, "Mine", the filter drawer's button, saved views and the column chooser of a record list. */
export function RecordListToolbar(props: RecordListToolbarProps) {
  const { t } = useTranslation();
  const { filterCount, views } = props;
  return (
    <Group gap="sm" wrap="wrap">
      <SearchBox
        label={props.searchLabel}
        placeholder={props.searchPlaceholder}
        value={props.q}
        onSearch={props.onSearch}
      />
      <Chip checked={props.mine} onChange={props.onMine} variant="light">
        {t("recordList.mine")}
      </Chip>
      <Group gap="sm" ml="auto" wrap="wrap">
        <FilterButton label={t("recordList.filters")} count={filterCount} onClick={props.onOpenFilters} />
        {views && <SavedViewsMenu entity={views.entity} current={views.current} onApply={views.onApply} />}
        {props.columnChooser}
      </Group>
    </Group>
  );
}
