import { Anchor, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { formatPhone } from "@shared/phone-format";
import { IconDownload } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { InitialsAvatar } from "@web/components/initials-avatar";
import { CustomFieldsCard } from "@web/features/custom-fields/custom-fields-card";
import { RelatedDealsCard } from "@web/features/deals/related/related-deals-card";
import { PrivacyCard } from "@web/features/gdpr/privacy-card";
import { RelatedLeadsCard } from "@web/features/leads/related/related-leads-card";
import { FindDuplicates } from "@web/features/records/find-duplicates";
import { RecordDetailFrame } from "@web/features/records/record-detail-frame";
import { StaleAlert } from "@web/features/records/stale-alert";
import { usePhoneCountry } from "@web/features/records/use-home-country";
import { useStaleGuard } from "@web/features/records/use-stale-guard";
import { RecordTimeline } from "@web/features/timeline/record-timeline";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Contact, contactDisplayName, contactsApi } from "../contacts-api";
import { contactKeys, useContact, useContactDuplicates, useUpdateContact } from "../use-contacts";
import { ContactChannelsCard } from "./contact-channels-card";
import { type ContactEditor, ContactEditorContext } from "./contact-editor-context";
import { ContactPersonCard } from "./contact-person-card";
import { ContactSettingsCard } from "./contact-settings-card";

export function ContactDetailPage() {
  const { t } = useTranslation();
  return (
    <RecordDetailFrame
      basePath="/contacts"
      texts={{ back: t("contacts.detail.back"), notFound: t("contacts.detail.notFound") }}
      useDetail={useContact}
      recordId={(contact) => contact.id}
    >
      {(contact) => <ContactDetail contact={contact} />}
    </RecordDetailFrame>
  );
}

function ContactDetail({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const phoneCountry = usePhoneCountry();
  const queryClient = useQueryClient();
  const update = useUpdateContact(contact.id);
  const { stale, fail, resolved } = useStaleGuard();
  const name = contactDisplayName(contact);
  useDocumentTitle(`${name} · ${t("app.name")}`);
  const company =
    contact.companyId && contact.companyName
      ? { id: contact.companyId, name: contact.companyName }
      : undefined;

  const editor = useMemo<ContactEditor>(
    () => ({
      contact,
      save: (body) => update.mutateAsync({ ...body, version: contact.version }),
      fail,
    }),
    [contact, update.mutateAsync, fail],
  );

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: contactKeys.detail(contact.id) });
    resolved();
  };

  return (
    <ContactEditorContext value={editor}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <InitialsAvatar
              name={[contact.firstName, contact.lastName].filter(Boolean).join(" ") || name}
              size={44}
            />
            <Stack gap={2} miw={0}>
              <Title order={1} size="h2" lineClamp={1} title={name}>
                {name}
              </Title>
              {(contact.jobTitle || company) && (
                <Text c="dimmed" size="sm">
                  {contact.jobTitle}
                  {contact.jobTitle && company ? " · " : ""}
                  {company && (
                    <Anchor component={Link} to={`/companies/${company.id}`} size="sm">
                      {company.name}
                    </Anchor>
                  )}
                </Text>
              )}
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <FindDuplicates
              recordId={contact.id}
              name={name}
              basePath="/contacts"
              useDuplicates={useContactDuplicates}
              item={(d) => ({
                id: d.contact.id,
                name: contactDisplayName(d.contact),
                detail: [d.contact.companyName, d.contact.email, formatPhone(d.contact.phone, phoneCountry)]
                  .filter(Boolean)
                  .join(" · "),
                reasons: d.reasons,
              })}
            />
            <Button
              variant="default"
              component="a"
              href={contactsApi.vcardUrl(contact.id)}
              download
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t("contacts.detail.exportVcard")}
            </Button>
          </Group>
        </Group>
        {stale && <StaleAlert onReload={() => void reload()} />}
        {/* Activity first (issue #23 point 3): the timeline with its note box leads the main column;
            the master data sits in the slim side column. */}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <RecordTimeline
                entity="contact"
                id={contact.id}
                defaults={{ name, contactId: contact.id, companyId: contact.companyId }}
              />
              <RelatedDealsCard filter={{ contactId: contact.id }} />
              <RelatedLeadsCard
                filter={{ contactId: contact.id }}
                createLabel={t("contacts.detail.newLead")}
                initial={{ contact: { id: contact.id, name }, company }}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <ContactPersonCard />
              <CustomFieldsCard
                entity="contact"
                values={contact.customFields}
                readOnly={!contact.abilities.update}
                save={(customFields) => editor.save({ customFields })}
              />
              <ContactChannelsCard />
              <ContactSettingsCard />
              <PrivacyCard type="contact" id={contact.id} name={name} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </ContactEditorContext>
  );
}
