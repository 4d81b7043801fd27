import { useTeamNames } from "@web/features/teams/use-teams";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import type { FilterPill } from "./filter-pills";
import { NO_OWNER, type RecordFilters } from "./record-filters";

/** The pills of the owner, team, tags and created filters that are set, in the drawer's order. */
export function useRecordFilterPills(
  filters: RecordFilters,
  onChange: (patch: Partial<RecordFilters>) => void,
  ownerName: (id: string) => string,
): FilterPill[] {
  const { t } = useTranslation();
  const format = useFormat();
  const teamNames = useTeamNames();
  const pills: FilterPill[] = [];
  const add = (key: string, title: string, values: string[], clear: Partial<RecordFilters>) => {
    if (values.length > 0)
      pills.push({ key, label: `${title}: ${values.join(", ")}`, onRemove: () => onChange(clear) });
  };
  add(
    "owner",
    t("recordList.filter.owner"),
    filters.ownerId.map((id) => (id === NO_OWNER ? t("recordList.filter.unassigned") : ownerName(id))),
    { ownerId: [] },
  );
  add(
    "team",
    t("recordList.filter.team"),
    filters.teamId.map((id) => teamNames.get(id) ?? "…"),
    { teamId: [] },
  );
  add("tags", t("recordList.filter.tags"), filters.tags, { tags: [] });
  if (filters.createdFrom || filters.createdTo) {
    const from = filters.createdFrom ? format.date(`${filters.createdFrom}T12:00:00`) : "…";
    const to = filters.createdTo ? format.date(`${filters.createdTo}T12:00:00`) : "…";
    add("created", t("recordList.filter.created"), [`${from} – ${to}`], {
      createdFrom: null,
      createdTo: null,
    });
  }
  return pills;
}
