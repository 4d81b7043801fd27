import { Anchor, Group, Stack, Text } from "@mantine/core";
import { BantIndicator, type BantStates } from "@web/components/bant-indicator";
import { SectionCard } from "@web/components/section-card";
import { leadDisplayName } from "@web/features/leads/lead-model";
import { useLead } from "@web/features/leads/use-leads";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Deal } from "../deals-api";
import { useDealEditor } from "./deal-editor-context";

function bantStates(bant: NonNullable<Deal["sourceLeadBant"]>): BantStates {
  return {
    budget: { state: bant.budget },
    authority: { state: bant.authority },
    need: { state: bant.need },
    timeline: { state: bant.timeline },
  };
}

/** The lead this deal was converted from, with its BANT qualification; absent for deals created by hand. */
export function DealSourceCard() {
  const { deal } = useDealEditor();
  if (!deal.sourceLeadId) return null;
  return <SourceLead leadId={deal.sourceLeadId} bant={deal.sourceLeadBant} />;
}

function SourceLead({ leadId, bant }: { leadId: string; bant: Deal["sourceLeadBant"] }) {
  const { t } = useTranslation();
  const lead = useLead(leadId);
  const name = lead.data
    ? leadDisplayName(lead.data) || t("deal.detail.sourceLeadOpen")
    : t("deal.detail.sourceLeadOpen");
  return (
    <SectionCard title={t("deal.fields.sourceLead")}>
      <Stack gap="xs">
        <Anchor component={Link} to={`/leads/${leadId}`} size="sm" fw={600}>
          {name}
        </Anchor>
        {bant && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t("deal.detail.bant")}
            </Text>
            <BantIndicator bant={bantStates(bant)} size="sm" />
          </Group>
        )}
      </Stack>
    </SectionCard>
  );
}
