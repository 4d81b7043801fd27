import { Alert } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
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
      <QueryStates query={settings} />
      {settings.data && <LeadSettingsForm settings={settings.data} canEdit={canEdit} />}
    </>
  );
}
