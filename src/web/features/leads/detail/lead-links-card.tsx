import { Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LeadCard } from "./lead-card";
import { type DataItem, LeadDataList } from "./lead-data-list";
import { useLeadEditor } from "./lead-editor-context";

/** Shortened id as a link text until the contact and company screens can show names. */
const shortId = (id: string) => `#${id.slice(0, 8)}`;

function RecordLink({ to, id }: { to: string; id: string }) {
  return (
    <Anchor component={Link} to={`${to}/${id}`} size="sm" ff="monospace" title={id}>
      {shortId(id)}
    </Anchor>
  );
}

/** The contact and company this lead is about, and what its conversion created. */
export function LeadLinksCard() {
  const { t } = useTranslation();
  const { lead } = useLeadEditor();
  const links: [string, string, string | null][] = [
    [t("leads.fields.contact"), "/contacts", lead.contactId],
    [t("leads.fields.company"), "/companies", lead.companyId],
    [t("leads.detail.convertedContact"), "/contacts", lead.convertedContactId],
    [t("leads.detail.convertedCompany"), "/companies", lead.convertedCompanyId],
    [t("leads.detail.convertedDeal"), "/deals", lead.convertedDealId],
  ];
  const items: DataItem[] = links.flatMap(([label, to, id]) =>
    id ? [{ label, value: <RecordLink to={to} id={id} /> }] : [],
  );

  return (
    <LeadCard title={t("leads.detail.links")}>
      <Stack gap="xs">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("leads.detail.noLinks")}
          </Text>
        ) : (
          <LeadDataList items={items} />
        )}
      </Stack>
    </LeadCard>
  );
}
