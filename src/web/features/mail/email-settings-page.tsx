import { Stack } from "@mantine/core";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useTranslation } from "react-i18next";
import { InboundSection } from "./inbound-section";
import { IncomingSection } from "./incoming-section";
import { OutboxSection } from "./outbox-section";
import { SmtpSection } from "./smtp-section";
import { useEmailSettings } from "./use-mail";

/** Settings → Email (admins): outgoing SMTP, incoming IMAP and intake addresses, outbox, inbound mail. */
export function EmailSettingsPage() {
  const { t } = useTranslation();
  const settings = useEmailSettings();
  return (
    <>
      <PageHeader order={2} title={t("settings.email")} description={t("mail.description")} />
      <QueryStates query={settings} />
      {settings.data && (
        <Stack gap="lg" maw={1100}>
          <SmtpSection settings={settings.data} />
          <IncomingSection settings={settings.data} />
          <OutboxSection />
          <InboundSection />
        </Stack>
      )}
    </>
  );
}
