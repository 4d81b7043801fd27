import { Anchor, Grid, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { RecordPageFrame } from "@web/components/record-page-frame";
import { SectionCard } from "@web/components/section-card";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { RelatedLeadsCard } from "@web/features/leads/related/related-leads-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type Contact, contactDisplayName } from "../contacts-api";
import { useContact } from "../use-contacts";

export function ContactDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const contact = useContact(id);
  return (
    <RecordPageFrame
      backTo="/contacts"
      backLabel={t("contacts.detail.back")}
      notFound={t("contacts.detail.notFound")}
      query={contact}
    >
      {contact.data && <ContactDetail contact={contact.data} />}
    </RecordPageFrame>
  );
}

function ContactDetail({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = contactDisplayName(contact);
  useDocumentTitle(`${name} · ${t("app.name")}`);
  const company =
    contact.companyId && contact.companyName
      ? { id: contact.companyId, name: contact.companyName }
      : undefined;
  const companyLink = company && (
    <Anchor component={Link} to={`/companies/${company.id}`} size="sm">
      {company.name}
    </Anchor>
  );

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {name}
        </Title>
        {(contact.jobTitle || company) && (
          <Text c="dimmed" size="sm">
            {contact.jobTitle}
            {contact.jobTitle && company ? ` · ` : ""}
            {companyLink}
          </Text>
        )}
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <RelatedLeadsCard
            filter={{ contactId: contact.id }}
            createLabel={t("contacts.detail.newLead")}
            initial={{ contact: { id: contact.id, name }, company }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SectionCard title={t("contacts.detail.masterData")}>
            <LeadDataList
              items={[
                { label: t("contacts.fields.salutation"), value: contact.salutation },
                { label: t("contacts.fields.title"), value: contact.title },
                { label: t("contacts.fields.firstName"), value: contact.firstName },
                { label: t("contacts.fields.lastName"), value: contact.lastName },
                { label: t("contacts.fields.company"), value: companyLink },
                { label: t("contacts.fields.jobTitle"), value: contact.jobTitle },
                { label: t("contacts.fields.department"), value: contact.department },
                { label: t("contacts.fields.email"), value: contact.email },
                { label: t("contacts.fields.phone"), value: contact.phone },
                { label: t("contacts.fields.createdAt"), value: format.date(contact.createdAt) },
              ]}
            />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
