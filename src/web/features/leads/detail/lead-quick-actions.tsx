import { Button, Group } from "@mantine/core";
import { IconCalendarPlus, IconNote, IconPhoneCall } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { leadDisplayName } from "../lead-model";
import { ActivityModal, type QuickActivity } from "./activity-modal";
import { useLeadEditor } from "./lead-editor-context";

/** Log a call, add a note, schedule a meeting: allowed on converted leads too. */
export function LeadQuickActions() {
  const { t } = useTranslation();
  const { lead } = useLeadEditor();
  const [kind, setKind] = useState<QuickActivity | null>(null);
  const actions = [
    { kind: "call", label: t("leads.quick.logCall"), icon: IconPhoneCall },
    { kind: "note", label: t("leads.quick.addNote"), icon: IconNote },
    { kind: "meeting", label: t("leads.quick.scheduleMeeting"), icon: IconCalendarPlus },
  ] as const;

  return (
    <>
      <Group gap="xs">
        {actions.map((action) => (
          <Button
            key={action.kind}
            variant={action.kind === "call" ? "filled" : "default"}
            leftSection={<action.icon size={16} aria-hidden />}
            onClick={() => setKind(action.kind)}
          >
            {action.label}
          </Button>
        ))}
      </Group>
      <ActivityModal
        kind={kind}
        leadId={lead.id}
        leadName={leadDisplayName(lead) || t("leads.unnamed")}
        onClose={() => setKind(null)}
      />
    </>
  );
}
