import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure, useDocumentTitle } from "@mantine/hooks";
import { IconAlertTriangle, IconCopy, IconDownload } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { notifyError } from "@web/components/notify";
import { RecordPageFrame } from "@web/components/record-page-frame";
import { RecordTimeline } from "@web/components/timeline/record-timeline";
import { RelatedLeadsCard } from "@web/features/leads/related/related-leads-card";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { type Contact, contactDisplayName, contactsApi } from "../contacts-api";
import { DuplicatesModal } from "../merge/duplicates-modal";
import { contactKeys, useContact, useContactDuplicates, useUpdateContact } from "../use-contacts";
import { ContactChannelsCard } from "./contact-channels-card";
import { type ContactEditor, ContactEditorContext } from "./contact-editor-context";
import { ContactPersonCard } from "./contact-person-card";
import { ContactSettingsCard } from "./contact-settings-card";

export function ContactDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const contact = useContact(id);
  // A merged-away contact answers with its survivor (308): show the survivor under its own address.
  const survivorId = contact.data && contact.data.id !== id ? contact.data.id : null;
  useEffect(() => {
    if (survivorId) void navigate(`/contacts/${survivorId}`, { replace: true });
  }, [survivorId, navigate]);
  return (
    <RecordPageFrame
      backTo="/contacts"
      backLabel={t("contacts.detail.back")}
      notFound={t("contacts.detail.notFound")}
      query={contact}
    >
      {contact.data && !survivorId && <ContactDetail contact={contact.data} />}
    </RecordPageFrame>
  );
}

function ContactDetail({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateContact(contact.id);
  const [stale, setStale] = useState(false);
  const [duplicatesOpened, duplicates] = useDisclosure(false);
  const found = useContactDuplicates(contact.id, duplicatesOpened);
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
      fail: (error, form) => {
        if (isApiError(error, 409)) setStale(true);
        else if (form) showFormError(form, error);
        else notifyError(error);
      },
    }),
    [contact, update.mutateAsync],
  );

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: contactKeys.detail(contact.id) });
    setStale(false);
  };

  return (
    <ContactEditorContext value={editor}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Title order={1} size="h2">
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
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconCopy size={16} aria-hidden />}
              onClick={duplicates.open}
            >
              {t("merge.findDuplicates")}
            </Button>
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
        {stale && (
          <Alert
            color="orange"
            icon={<IconAlertTriangle aria-hidden />}
            title={t("contacts.detail.staleTitle")}
            role="alert"
          >
            {t("contacts.detail.staleText")}
            <Button
              size="xs"
              variant="light"
              color="orange"
              mt="sm"
              display="block"
              onClick={() => void reload()}
            >
              {t("contacts.detail.reload")}
            </Button>
          </Alert>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <ContactPersonCard />
              <RelatedLeadsCard
                filter={{ contactId: contact.id }}
                createLabel={t("contacts.detail.newLead")}
                initial={{ contact: { id: contact.id, name }, company }}
              />
              <RecordTimeline
                entity="contact"
                id={contact.id}
                defaults={{ name, contactId: contact.id, companyId: contact.companyId }}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <ContactChannelsCard />
              <ContactSettingsCard />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <DuplicatesModal
        opened={duplicatesOpened}
        onClose={duplicates.close}
        title={t("merge.duplicatesOf", { name })}
        query={{
          data: found.data?.data.map((d) => ({
            id: d.contact.id,
            name: contactDisplayName(d.contact),
            detail: [d.contact.companyName, d.contact.email, d.contact.phone].filter(Boolean).join(" · "),
            reasons: d.reasons,
            href: `/contacts/${d.contact.id}`,
          })),
          isPending: found.isPending,
          error: found.error,
          refetch: found.refetch,
        }}
        onMerge={(other) => void navigate(`/contacts/merge?survivor=${contact.id}&loser=${other}`)}
      />
    </ContactEditorContext>
  );
}
