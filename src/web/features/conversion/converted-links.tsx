import { Anchor, Group, Text } from "@mantine/core";
import { IconBriefcase, IconBuilding, IconUser } from "@tabler/icons-react";
import { useCompany } from "@web/features/companies/use-companies";
import { contactDisplayName } from "@web/features/contacts/contacts-api";
import { useContact } from "@web/features/contacts/use-contacts";
import { useDeal } from "@web/features/deals/use-deals";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface ConvertedLinksProps {
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
}

function Item({
  to,
  icon,
  label,
  name,
}: {
  to: string;
  icon: ReactNode;
  label: string;
  name?: string | null;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      {icon}
      <Text size="sm" span>
        {label}:
      </Text>
      <Anchor component={Link} to={to} size="sm" fw={600}>
        {name || "…"}
      </Anchor>
    </Group>
  );
}

const ContactItem = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const contact = useContact(id);
  return (
    <Item
      to={`/contacts/${id}`}
      icon={<IconUser size={16} aria-hidden />}
      label={t("conversion.links.contact")}
      name={contact.data && contactDisplayName(contact.data)}
    />
  );
};
const CompanyItem = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const company = useCompany(id);
  return (
    <Item
      to={`/companies/${id}`}
      icon={<IconBuilding size={16} aria-hidden />}
      label={t("conversion.links.company")}
      name={company.data?.name}
    />
  );
};
const DealItem = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const deal = useDeal(id);
  return (
    <Item
      to={`/deals/${id}`}
      icon={<IconBriefcase size={16} aria-hidden />}
      label={t("conversion.links.deal")}
      name={deal.data?.title}
    />
  );
};

/** Where a converted lead went: links to the contact, company and deal it became. */
export function ConvertedLinks({ contactId, companyId, dealId }: ConvertedLinksProps) {
  return (
    <Group mt={6} wrap="wrap" style={{ columnGap: "var(--mantine-spacing-lg)", rowGap: 4 }}>
      {contactId && <ContactItem id={contactId} />}
      {companyId && <CompanyItem id={companyId} />}
      {dealId && <DealItem id={dealId} />}
    </Group>
  );
}
