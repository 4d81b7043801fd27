import { type FilterPill, FilterPills } from "@web/features/records/filters/filter-pills";
import { useRecordFilterPills } from "@web/features/records/filters/use-record-filter-pills";
import { useTranslation } from "react-i18next";
import { EMPTY_FILTERS, type LeadFilters } from "./lead-list-params";

interface LeadFilterPillsProps {
  filters: LeadFilters;
  onChange: (patch: Partial<LeadFilters>) => void;
  ownerName: (id: string) => string;
}

/** The active filters at a glance, each removable on its own. */
export function LeadFilterPills({ filters, onChange, ownerName }: LeadFilterPillsProps) {
  const { t } = useTranslation();
  const recordPills = useRecordFilterPills(filters, onChange, ownerName);
  const pills: FilterPill[] = [];
  const add = (key: string, title: string, values: string[], clear: Partial<LeadFilters>) => {
    if (values.length > 0)
      pills.push({ key, label: `${title}: ${values.join(", ")}`, onRemove: () => onChange(clear) });
  };

  add(
    "status",
    t("leads.filter.status"),
    filters.status.map((s) => t(`leads.status.${s}`)),
    { status: [] },
  );
  add(
    "lifecycle",
    t("leads.filter.lifecycle"),
    filters.lifecycleStage.map((s) => t(`leads.lifecycle.${s}`)),
    { lifecycleStage: [] },
  );
  add(
    "source",
    t("leads.filter.source"),
    filters.source.map((s) => t(`leads.source.${s}`)),
    { source: [] },
  );
  add("sourceDetail", t("leads.fields.sourceDetail"), filters.sourceDetail ? [filters.sourceDetail] : [], {
    sourceDetail: "",
  });
  pills.push(...recordPills);
  if (filters.bantQualified !== null) {
    add(
      "bant",
      t("leads.filter.bantQualified"),
      [t(filters.bantQualified ? "leads.filter.yes" : "leads.filter.no")],
      { bantQualified: null },
    );
  }
  if (filters.funnelStep) {
    add("funnelStep", t("reports.funnel.reached"), [t(`reports.steps.${filters.funnelStep}`)], {
      funnelStep: null,
    });
  }
  if (filters.deleted) add("deleted", t("leads.filter.deleted"), [t("leads.filter.yes")], { deleted: false });
  if (filters.scoreMin !== null || filters.scoreMax !== null) {
    add("score", t("leads.fields.score"), [`${filters.scoreMin ?? 0}–${filters.scoreMax ?? 100}`], {
      scoreMin: null,
      scoreMax: null,
    });
  }

  return (
    <FilterPills
      pills={pills}
      onReset={() => onChange({ ...EMPTY_FILTERS, q: filters.q, mine: filters.mine })}
    />
  );
}
