import { Anchor, Grid, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { RecordPageFrame } from "@web/components/record-page-frame";
import { SectionCard } from "@web/components/section-card";
import { contactDisplayName } from "@web/features/contacts/contacts-api";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { RelatedLeadsCard } from "@web/features/leads/related/related-leads-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { CompanyFile } from "../companies-api";
import { useCompanyFile } from "../use-companies";
import { CompanyActivitiesCard } from "./company-activities-card";
import { CompanyDealsCard } from "./company-deals-card";

export function CompanyDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const file = useCompanyFile(id);
  return (
    <RecordPageFrame
      backTo="/companies"
      backLabel={t("companies.detail.back")}
      notFound={t("companies.detail.notFound")}
      query={file}
    >
      {file.data && <CompanyDetail file={file.data} />}
    </RecordPageFrame>
  );
}

function CompanyDetail({ file }: { file: CompanyFile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { company, contacts, totals } = file;
  useDocumentTitle(`${company.name} · ${t("app.name")}`);
  const website = company.website && (
    <Anchor href={company.website} target="_blank" rel="noreferrer" size="sm">
      {company.domain ?? company.website}
    </Anchor>
  );

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t("companies.detail.file")}
        </Text>
        <Title order={1} size="h2">
          {company.name}
        </Title>
        {company.industry && (
          <Text c="dimmed" size="sm">
            {company.industry}
          </Text>
        )}
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <RelatedLeadsCard
              filter={{ companyId: company.id }}
              createLabel={t("companies.detail.newLead")}
              initial={{ company: { id: company.id, name: company.name } }}
            />
            <CompanyDealsCard deals={file.deals} totals={totals.deals} />
            <CompanyActivitiesCard activities={file.activities} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <SectionCard title={t("companies.detail.masterData")}>
              <LeadDataList
                items={[
                  { label: t("companies.fields.name"), value: company.name },
                  { label: t("companies.fields.website"), value: website },
                  { label: t("companies.fields.industry"), value: company.industry },
                  { label: t("companies.fields.phone"), value: company.phone },
                  { label: t("companies.fields.email"), value: company.email },
                  { label: t("companies.fields.createdAt"), value: format.date(company.createdAt) },
                ]}
              />
            </SectionCard>
            <SectionCard title={t("companies.detail.contacts", { count: totals.contacts })}>
              {contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("companies.detail.noContacts")}
                </Text>
              ) : (
                <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {contacts.map((contact) => (
                    <li key={contact.id}>
                      <Anchor component={Link} to={`/contacts/${contact.id}`} size="sm" fw={600}>
                        {contactDisplayName(contact)}
                      </Anchor>
                      {contact.jobTitle && (
                        <Text size="xs" c="dimmed">
                          {contact.jobTitle}
                        </Text>
                      )}
                    </li>
                  ))}
                </Stack>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
