import { Anchor, Center, Loader, Modal } from "@mantine/core";
import { QueryError } from "@web/components/query-error";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Activity } from "./activities-api";
import { ActivityFormModal } from "./activity-form-modal";
import { useActivity } from "./use-activities";

/** The record an activity is about, as a link (the calendar has no other way to it). */
function RecordLink({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useTranslation();
  const target = activity.dealId
    ? { kind: "deal" as const, path: `/deals/${activity.dealId}` }
    : activity.leadId
      ? { kind: "lead" as const, path: `/leads/${activity.leadId}` }
      : activity.contactId
        ? { kind: "contact" as const, path: `/contacts/${activity.contactId}` }
        : activity.companyId
          ? { kind: "company" as const, path: `/companies/${activity.companyId}` }
          : null;
  if (!target) return null;
  return (
    <Anchor component={Link} to={target.path} onClick={onClose} size="sm">
      {t(`activities.openRecord.${target.kind}`)}
    </Anchor>
  );
}

/** Opens an existing activity by id (from a timeline, My work or the calendar) for editing. */
export function ActivityEditModal({
  id,
  onClose,
  withRecordLink = false,
}: {
  id: string | null;
  onClose: () => void;
  /** Shows a link to the lead, deal, contact or company the activity is about (for the calendar). */
  withRecordLink?: boolean;
}) {
  const { t } = useTranslation();
  const activity = useActivity(id);
  if (!id) return null;
  if (activity.data)
    return (
      <ActivityFormModal
        type={null}
        activity={activity.data}
        onClose={onClose}
        header={withRecordLink ? <RecordLink activity={activity.data} onClose={onClose} /> : undefined}
      />
    );
  return (
    <Modal opened onClose={onClose} title={t("app.loading")}>
      {activity.isError ? (
        <QueryError error={activity.error} onRetry={() => void activity.refetch()} />
      ) : (
        <Center py="md">
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      )}
    </Modal>
  );
}
