import { Button, Group, Pill } from "@mantine/core";
import { useTeamNames } from "@web/features/teams/use-teams";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { EMPTY_FILTERS, type LeadFilters, NO_OWNER } from "./lead-list-params";

interface LeadFilterPillsProps {
  filters: LeadFilters;
  onChange: (patch: Partial<LeadFilters>) => void;
  ownerName: (id: string) => string;
}

/** The active filters at a glance, each removable on its own. */
export function LeadFilterPills({ filters, onChange, ownerName }: LeadFilterPillsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const teamNames = useTeamNames();
  const pills: { key: string; label: string; clear: Partial<LeadFilters> }[] = [];
  const add = (key: string, title: string, values: string[], clear: Partial<LeadFilters>) => {
    if (values.length > 0) pills.push({ key, label: `${title}: ${values.join(", ")}`, clear });
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
    {
      lifecycleStage: [],
    },
  );
  add(
    "source",
    t("leads.filter.source"),
    filters.source.map((s) => t(`leads.source.${s}`)),
    { source: [] },
  );
  add(
    "owner",
    t("leads.filter.owner"),
    filters.ownerId.map((id) => (id === NO_OWNER ? t("leads.list.unassigned") : ownerName(id))),
    { ownerId: [] },
  );
  add(
    "team",
    t("leads.filter.team"),
    filters.teamId.map((id) => teamNames.get(id) ?? "…"),
    { teamId: [] },
  );
  add("tags", t("leads.filter.tags"), filters.tags, { tags: [] });
  if (filters.createdFrom || filters.createdTo) {
    const from = filters.createdFrom ? format.date(`${filters.createdFrom}T12:00:00`) : "…";
    const to = filters.createdTo ? format.date(`${filters.createdTo}T12:00:00`) : "…";
    add("created", t("leads.filter.created"), [`${from} – ${to}`], { createdFrom: null, createdTo: null });
  }
  if (filters.bantQualified !== null) {
    add(
      "bant",
      t("leads.filter.bantQualified"),
      [t(filters.bantQualified ? "leads.filter.yes" : "leads.filter.no")],
      {
        bantQualified: null,
      },
    );
  }
  if (filters.deleted) add("deleted", t("leads.filter.deleted"), [t("leads.filter.yes")], { deleted: false });
  if (filters.scoreMin !== null || filters.scoreMax !== null) {
    add("score", t("leads.fields.score"), [`${filters.scoreMin ?? 0}–${filters.scoreMax ?? 100}`], {
      scoreMin: null,
      scoreMax: null,
    });
  }

  if (pills.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap">
      {pills.map((pill) => (
        <Pill
          key={pill.key}
          size="md"
          withRemoveButton
          onRemove={() => onChange(pill.clear)}
          // Mantine hides the remove button from the keyboard (it is meant for inputs); here it is the only way.
          removeButtonProps={{
            tabIndex: 0,
            "aria-hidden": false,
            "aria-label": `${t("common.clear")}: ${pill.label}`,
          }}
        >
          {pill.label}
        </Pill>
      ))}
      {pills.length > 1 && (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => onChange({ ...EMPTY_FILTERS, q: filters.q, mine: filters.mine })}
        >
          {t("leads.list.resetFilters")}
        </Button>
      )}
    </Group>
  );
}
