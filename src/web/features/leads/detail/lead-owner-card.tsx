import { Select, Stack } from "@mantine/core";
import { notifySuccess } from "@web/components/notify";
import { useTeams } from "@web/features/teams/use-teams";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { useOwnerOptions } from "../use-owner-options";
import { LeadCard } from "./lead-card";
import { useLeadEditor } from "./lead-editor-context";

/** Who works the lead and which team it belongs to; a change saves at once. */
export function LeadOwnerCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const { lead, readOnly, save, fail } = useLeadEditor();
  const { owners, names, canChangeOwner } = useOwnerOptions("lead");
  const { data: teams } = useTeams();

  const ownerData = owners.map((owner) => ({ value: owner.id, label: owner.name }));
  // The current owner may be someone the picker does not list (inactive, or unknown to a sales user).
  if (lead.ownerId && !owners.some((owner) => owner.id === lead.ownerId)) {
    ownerData.push({
      value: lead.ownerId,
      label: names.get(lead.ownerId) ?? t("leads.list.otherOwner"),
    });
  }

  const change = async (patch: { ownerId?: string | null; teamId?: string | null }, message: string) => {
    try {
      await save(patch);
      notifySuccess(message);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <LeadCard title={t("leads.detail.ownerTeam")}>
      <Stack gap="sm">
        <Select
          label={t("leads.fields.owner")}
          placeholder={t("leads.list.unassigned")}
          data={ownerData}
          value={lead.ownerId}
          onChange={(ownerId) => {
            if (ownerId !== lead.ownerId) void change({ ownerId }, t("leads.detail.ownerSaved"));
          }}
          clearable
          searchable
          disabled={readOnly || !canChangeOwner}
          description={
            lead.assignedAt && lead.ownerId
              ? t("leads.detail.assignedAt", { date: format.date(lead.assignedAt) })
              : undefined
          }
        />
        <Select
          label={t("leads.fields.team")}
          data={(teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={lead.teamId}
          onChange={(teamId) => {
            if (teamId !== lead.teamId) void change({ teamId }, t("leads.detail.teamSaved"));
          }}
          clearable
          searchable
          disabled={readOnly}
        />
      </Stack>
    </LeadCard>
  );
}
