import { Center, Loader, Modal } from "@mantine/core";
import { QueryError } from "@web/components/query-error";
import { useTranslation } from "react-i18next";
import { ActivityFormModal } from "./activity-form-modal";
import { useActivity } from "./use-activities";

/** Opens an existing activity by id (from a timeline, My work or the calendar) for editing. */
export function ActivityEditModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const activity = useActivity(id);
  if (!id) return null;
  if (activity.data) return <ActivityFormModal type={null} activity={activity.data} onClose={onClose} />;
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
