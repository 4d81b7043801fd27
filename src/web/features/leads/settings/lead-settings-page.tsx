import { Alert, Center, Loader } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryError } from "@web/components/query-error";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useAppSettings } from "@web/features/settings/use-app-settings";
import { useTranslation } from "react-i18next";
import { LeadSettingsForm } from "./lead-settings-form";

/** Settings → Leads: SQL needs BANT, round-robin, score rules. */
export function LeadSettingsPage() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const settings = useAppSettings();
  const canEdit = abilities["settings.manage"];

  return (
    <>
      <PageHeader order={2} title={t("settings.leads")} description={t("leads.settings.description")} />
      {!canEdit && (
        <Alert variant="light" icon={<IconInfoCircle aria-hidden />} mb="md">
          {t("leads.settings.readOnly")}
        </Alert>
      )}
      {settings.isPending && (
        <Center py="xl">
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      {settings.isError && <QueryError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <LeadSettingsForm settings={settings.data} canEdit={canEdit} />}
    </>
  );
}
