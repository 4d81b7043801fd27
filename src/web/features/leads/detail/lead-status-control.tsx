import { Button, Menu, Text } from "@mantine/core";
import { IconChevronDown } from "@tabler/icons-react";
import { notifySuccess } from "@web/components/notify";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type LeadStatus, NEXT_STATUSES } from "../lead-model";
import { useLeadEditor } from "./lead-editor-context";
import { ReasonModal } from "./reason-modal";

/** Only the statuses that may follow the current one; closing asks why. */
export function LeadStatusControl() {
  const { t } = useTranslation();
  const { lead, readOnly, save, fail } = useLeadEditor();
  const [closing, setClosing] = useState(false);
  const next = NEXT_STATUSES[lead.status];
  if (readOnly || next.length === 0) return null;

  const changeTo = async (status: LeadStatus) => {
    if (status === "converted") return;
    if (status === "dead") {
      setClosing(true);
      return;
    }
    try {
      // "new" means the unowned pool, so going back there hands the lead back.
      await save(status === "new" ? { status, ownerId: null } : { status });
      notifySuccess(t("leads.statusControl.changed", { status: t(`leads.status.${status}`) }));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} aria-hidden />}>
            {t("leads.statusControl.label")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {next.map((status) => {
            const needsOwner = (status === "assigned" || status === "in_process") && !lead.ownerId;
            return (
              <Menu.Item
                key={status}
                disabled={needsOwner}
                color={status === "dead" ? "red" : undefined}
                onClick={() => void changeTo(status)}
              >
                {t(`leads.statusControl.to.${status}`)}
                {needsOwner && (
                  <Text size="xs" c="dimmed">
                    {t("leads.statusControl.needsOwner")}
                  </Text>
                )}
              </Menu.Item>
            );
          })}
        </Menu.Dropdown>
      </Menu>
      <ReasonModal
        opened={closing}
        title={t("leads.statusControl.closeTitle")}
        label={t("leads.statusControl.closeReason")}
        submitLabel={t("leads.statusControl.closeSubmit")}
        field="deadReason"
        change={{ status: "dead" }}
        onClose={() => setClosing(false)}
        onSaved={() => {
          setClosing(false);
          notifySuccess(t("leads.statusControl.changed", { status: t("leads.status.dead") }));
        }}
      />
    </>
  );
}
