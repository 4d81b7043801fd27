import { Anchor, Button, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { BantIndicator } from "@web/components/bant-indicator";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { LeadCreateInitial } from "../create/lead-create-form";
import { LeadCreateModal } from "../create/lead-create-modal";
import { LeadStatusBadge, LifecycleBadge, ScoreBadge } from "../lead-badges";
import { leadDisplayName } from "../lead-model";
import { useRelatedLeads } from "../use-leads";
import { useOwnerOptions } from "../use-owner-options";

interface RelatedLeadsCardProps {
  filter: { contactId: string } | { companyId: string };
  /** "New lead for this contact" or "… company". */
  createLabel: string;
  /** The contact and company the new lead starts linked to. */
  initial: LeadCreateInitial;
}

/** The leads about a contact or company as a compact table, with a button for one more. */
export function RelatedLeadsCard({ filter, createLabel, initial }: RelatedLeadsCardProps) {
  const { t } = useTranslation();
  const leads = useRelatedLeads(filter);
  const owners = useOwnerOptions();
  const [createOpened, createModal] = useDisclosure(false);
  const rows = leads.data?.data ?? [];

  return (
    <SectionCard
      title={t("leads.related.title")}
      actions={
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={createModal.open}
        >
          {createLabel}
        </Button>
      }
    >
      <QueryStates query={leads} compact isEmpty={rows.length === 0} emptyText={t("leads.related.empty")} />
      {rows.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing={4} horizontalSpacing={6} fz="sm" aria-label={t("leads.related.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("leads.columns.name")}</Table.Th>
                  <Table.Th>{t("leads.columns.status")}</Table.Th>
                  <Table.Th>{t("leads.columns.lifecycle")}</Table.Th>
                  <Table.Th>{t("leads.columns.bant")}</Table.Th>
                  <Table.Th>{t("leads.columns.score")}</Table.Th>
                  <Table.Th>{t("leads.columns.owner")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((lead) => (
                  <Table.Tr key={lead.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/leads/${lead.id}`}
                        size="sm"
                        fw={600}
                        lineClamp={1}
                        maw={220}
                      >
                        {leadDisplayName(lead) || t("leads.unnamed")}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <LeadStatusBadge status={lead.status} fit />
                    </Table.Td>
                    <Table.Td>
                      <LifecycleBadge stage={lead.lifecycleStage} fit />
                    </Table.Td>
                    <Table.Td>
                      <BantIndicator bant={lead.bant} />
                    </Table.Td>
                    <Table.Td>
                      <ScoreBadge score={lead.score} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={150} c={lead.ownerId ? undefined : "dimmed"}>
                        {lead.ownerId
                          ? (owners.names.get(lead.ownerId) ?? t("leads.list.otherOwner"))
                          : t("leads.list.unassigned")}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {leads.data?.nextCursor && (
            <Text size="xs" c="dimmed" mt="xs">
              {t("leads.related.more", { count: rows.length })}
            </Text>
          )}
        </>
      )}
      <LeadCreateModal opened={createOpened} onClose={createModal.close} initial={initial} />
    </SectionCard>
  );
}
