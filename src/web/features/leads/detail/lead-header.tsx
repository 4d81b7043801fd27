import { ActionIcon, Group, Menu, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconDots, IconTrash } from "@tabler/icons-react";
import { BantIndicator } from "@web/components/bant-indicator";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { ConvertLeadButton } from "@web/features/conversion/convert-lead-button";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { LeadStatusBadge, LifecycleBadge, ScoreBadge } from "../lead-badges";
import { leadDisplayName } from "../lead-model";
import { useDeleteLead } from "../use-leads";
import { useLeadEditor } from "./lead-editor-context";
import { LeadStatusControl } from "./lead-status-control";

export function LeadHeader() {
  const { t } = useTranslation();
  const { lead } = useLeadEditor();
  const navigate = useNavigate();
  const deleteLead = useDeleteLead();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const name = leadDisplayName(lead) || t("leads.unnamed");
  const subtitle = [lead.jobTitle, lead.companyName !== name ? lead.companyName : null]
    .filter(Boolean)
    .join(" · ");
  useDocumentTitle(`${name} · ${t("app.name")}`);
  // Who may delete or convert this lead, in its state: the server's policy (lead.abilities).
  const { abilities } = lead;

  const remove = () =>
    deleteLead.mutate(lead.id, {
      onSuccess: () => {
        notifySuccess(t("leads.detail.deleted"));
        void navigate("/leads");
      },
      onError: (error) => notifyError(error),
    });

  return (
    // One row at 1280 px in German (issue #23 point 3): the name gives way, the actions keep their line.
    <Group justify="space-between" align="flex-start" gap="md" wrap="nowrap">
      <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
        <Title order={1} size="h2" lineClamp={2} title={name} style={{ overflowWrap: "anywhere" }}>
          {name}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          <LeadStatusBadge status={lead.status} size="md" />
          <LifecycleBadge stage={lead.lifecycleStage} size="md" />
          <BantIndicator bant={lead.bant} size="md" />
          <Group gap={4} wrap="nowrap">
            <Text size="sm" c="dimmed">
              {t("leads.fields.score")}
            </Text>
            <ScoreBadge score={lead.score} size="md" />
          </Group>
        </Group>
        {lead.status === "dead" && lead.deadReason && (
          <Text size="sm" c="dimmed">
            {t("leads.statusControl.closedBecause", { reason: lead.deadReason })}
          </Text>
        )}
      </Stack>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <LeadStatusControl />
        {abilities.convert && <ConvertLeadButton leadId={lead.id} leadName={name} />}
        {abilities.delete && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label={t("leads.detail.moreActions")}>
                <IconDots size={18} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setConfirmDelete(true)}
              >
                {t("leads.detail.delete")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <ConfirmDialog
        opened={confirmDelete}
        title={t("leads.detail.deleteTitle", { name })}
        message={t("leads.detail.deleteConfirm")}
        confirmLabel={t("common.delete")}
        loading={deleteLead.isPending}
        onConfirm={remove}
        onClose={() => setConfirmDelete(false)}
      />
    </Group>
  );
}
