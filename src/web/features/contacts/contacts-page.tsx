import { IconAddressBook } from "@tabler/icons-react";
import { PlaceholderPage } from "@web/components/placeholder-page";
import { useTranslation } from "react-i18next";

export function ContactsPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t("nav.contacts")}
      description={t("placeholder.contacts")}
      icon={<IconAddressBook aria-hidden />}
    />
  );
}
