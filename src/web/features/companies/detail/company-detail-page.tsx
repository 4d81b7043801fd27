import { Anchor, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { InitialsAvatar } from "@web/components/initials-avatar";
import { SectionCard } from "@web/components/section-card";
import { ContactCreateModal } from "@web/features/contacts/contact-create-modal";
import { contactDisplayName } from "@web/features/contacts/contacts-api";
import { CustomFieldsCard } from "@web/features/custom-fields/custom-fields-card";
import { DealCreateModal } from "@web/features/deals/deal-create-modal";
import { RelatedLeadsCard } from "@web/features/leads/related/related-leads-card";
import { CompanyDocumentsCard } from "@web/features/quotes/company-documents-card";
import { FindDuplicates } from "@web/features/records/find-duplicates";
import { RecordDetailFrame } from "@web/features/records/record-detail-frame";
import { StaleAlert } from "@web/features/records/stale-alert";
import { useStaleGuard } from "@web/features/records/use-stale-guard";
import { RecordTimeline } from "@web/features/timeline/record-timeline";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CompanyFile } from "../companies-api";
import { companyKeys, useCompanyDuplicates, useCompanyFile, useUpdateCompany } from "../use-companies";
import { CompanyActivitiesCard } from "./company-activities-card";
import { CompanyDealsCard } from "./company-deals-card";
import { CompanyMasterCard } from "./company-master-card";

export function CompanyDetailPage() {
  const { t } = useTranslation();
  return (
    <RecordDetailFrame
      basePath="/companies"
      texts={{ back: t("companies.detail.back"), notFound: t("companies.detail.notFound") }}
      useDetail={useCompanyFile}
      recordId={(file) => file.company.id}
    >
      {(file) => <CompanyDetail file={file} />}
    </RecordDetailFrame>
  );
}

/** The company file (Firmenakte): the hub from which contacts, leads, deals and activities start. */
function CompanyDetail({ file }: { file: CompanyFile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { company, contacts, totals } = file;
  const update = useUpdateCompany(company.id);
  const { stale, fail, resolved } = useStaleGuard();
  const [contactOpened, contactModal] = useDisclosure(false);
  const [dealOpened, dealModal] = useDisclosure(false);
  useDocumentTitle(`${company.name} · ${t("app.name")}`);
  const refreshFile = () => queryClient.invalidateQueries({ queryKey: companyKeys.file(company.id) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <InitialsAvatar name={company.name} shape="organisation" size={44} />
          <Stack gap={2} miw={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t("companies.detail.file")}
            </Text>
            <Title order={1} size="h2" lineClamp={1} title={company.name}>
              {company.name}
            </Title>
            {(company.industry || company.domain) && (
              <Text c="dimmed" size="sm">
                {[company.industry, company.domain].filter(Boolean).join(" · ")}
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <FindDuplicates
            recordId={company.id}
            name={company.name}
            basePath="/companies"
            useDuplicates={useCompanyDuplicates}
            item={(d) => ({
              id: d.company.id,
              name: d.company.name,
              detail: [d.company.domain, d.company.industry].filter(Boolean).join(" · "),
              reasons: d.reasons,
            })}
          />
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={contactModal.open}
          >
            {t("companies.detail.addContact")}
          </Button>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={dealModal.open}>
            {t("companies.detail.newDeal")}
          </Button>
        </Group>
      </Group>
      {stale && <StaleAlert onReload={() => void refreshFile().then(resolved)} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {/* Activity first (issue #23 point 3): timeline and note box, then what the company is worth. */}
          <Stack gap="md">
            <RecordTimeline
              entity="company"
              id={company.id}
              defaults={{ name: company.name, companyId: company.id }}
            />
            <CompanyDealsCard deals={file.deals} totals={totals.deals} onCreate={dealModal.open} />
            <RelatedLeadsCard
              filter={{ companyId: company.id }}
              createLabel={t("companies.detail.newLead")}
              initial={{ company: { id: company.id, name: company.name } }}
            />
            <CompanyActivitiesCard activities={file.activities} companyId={company.id} />
            <CompanyDocumentsCard file={file} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <CompanyMasterCard
              company={company}
              save={(body) => update.mutateAsync({ ...body, version: company.version })}
              fail={fail}
            />
            <CustomFieldsCard
              entity="company"
              values={company.customFields}
              readOnly={!company.abilities.update}
              save={(customFields) => update.mutateAsync({ customFields, version: company.version })}
            />
            <SectionCard
              title={t("companies.detail.contacts", { count: totals.contacts })}
              actions={
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={contactModal.open}
                  aria-label={t("companies.detail.addContact")}
                >
                  {t("companies.detail.add")}
                </Button>
              }
            >
              {contacts.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("companies.detail.noContacts")}
                </Text>
              ) : (
                <Stack gap={8} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {contacts.map((contact) => (
                    <li key={contact.id}>
                      <Anchor component={Link} to={`/contacts/${contact.id}`} size="sm" fw={600}>
                        {contactDisplayName(contact)}
                      </Anchor>
                      {(contact.jobTitle || contact.email) && (
                        <Text size="xs" c="dimmed">
                          {[contact.jobTitle, contact.email].filter(Boolean).join(" · ")}
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
      <ContactCreateModal
        opened={contactOpened}
        onClose={contactModal.close}
        defaults={{ companyId: company.id }}
        stay
      />
      <DealCreateModal
        opened={dealOpened}
        onClose={dealModal.close}
        defaults={{ companyId: company.id, title: company.name }}
        onCreated={() => void refreshFile()}
      />
    </Stack>
  );
}
