import { Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifySuccess } from "@web/components/notify";
import { CompanyPicker } from "@web/features/companies/company-picker";
import { useCompany } from "@web/features/companies/use-companies";
import { ContactPicker } from "@web/features/contacts/contact-picker";
import { contactDisplayName } from "@web/features/contacts/contacts-api";
import { useContact } from "@web/features/contacts/use-contacts";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LeadCard } from "./lead-card";
import { type DataItem, LeadDataList } from "./lead-data-list";
import { useLeadEditor } from "./lead-editor-context";

/** Shortened id as a link text for records this page cannot name (deals have no screen yet). */
const shortId = (id: string) => `#${id.slice(0, 8)}`;

function RecordLink({ to, id, name }: { to: string; id: string; name?: string }) {
  return (
    <Anchor component={Link} to={`${to}/${id}`} size="sm" ff={name ? undefined : "monospace"} title={id}>
      {name || shortId(id)}
    </Anchor>
  );
}

const ContactLink = ({ id }: { id: string }) => {
  const contact = useContact(id);
  return <RecordLink to="/contacts" id={id} name={contact.data && contactDisplayName(contact.data)} />;
};

const CompanyLink = ({ id }: { id: string }) => {
  const company = useCompany(id);
  return <RecordLink to="/companies" id={id} name={company.data?.name} />;
};

interface LinkValues {
  contactId: string | null;
  companyId: string | null;
}

/** The contact and company this lead is about (linkable here), and what its conversion created. */
export function LeadLinksCard() {
  const { t } = useTranslation();
  const { lead, readOnly, save, fail } = useLeadEditor();
  const [editing, setEditing] = useState(false);
  const form = useForm<LinkValues>({ initialValues: { contactId: null, companyId: null } });

  const links: [string, (id: string) => ReactNode, string | null][] = [
    [t("leads.fields.contact"), (id) => <ContactLink id={id} />, lead.contactId],
    [t("leads.fields.company"), (id) => <CompanyLink id={id} />, lead.companyId],
    [t("leads.detail.convertedContact"), (id) => <ContactLink id={id} />, lead.convertedContactId],
    [t("leads.detail.convertedCompany"), (id) => <CompanyLink id={id} />, lead.convertedCompanyId],
    [t("leads.detail.convertedDeal"), (id) => <RecordLink to="/deals" id={id} />, lead.convertedDealId],
  ];
  const items: DataItem[] = links.flatMap(([label, render, id]) =>
    id ? [{ label, value: render(id) }] : [],
  );

  const startEditing = () => {
    form.setValues({ contactId: lead.contactId, companyId: lead.companyId });
    form.resetDirty({ contactId: lead.contactId, companyId: lead.companyId });
    setEditing(true);
  };
  const submit = form.onSubmit(async (values) => {
    try {
      await save({ contactId: values.contactId, companyId: values.companyId });
      notifySuccess(t("leads.detail.linksSaved"));
      setEditing(false);
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <LeadCard title={t("leads.detail.links")} onEdit={readOnly || editing ? undefined : startEditing}>
      {editing ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ContactPicker
              label={t("leads.fields.contact")}
              value={form.getValues().contactId}
              onChange={(id) => form.setFieldValue("contactId", id)}
              error={form.errors.contactId}
            />
            <CompanyPicker
              label={t("leads.fields.company")}
              value={form.getValues().companyId}
              onChange={(id) => form.setFieldValue("companyId", id)}
              error={form.errors.companyId}
            />
            <Text size="xs" c="dimmed">
              {t("leads.detail.linksHint")}
            </Text>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" size="xs" loading={form.submitting}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("leads.detail.noLinks")}
        </Text>
      ) : (
        <LeadDataList items={items} />
      )}
    </LeadCard>
  );
}
