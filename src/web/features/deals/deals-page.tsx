import { IconLayoutKanban } from "@tabler/icons-react";
import { PlaceholderPage } from "@web/components/placeholder-page";
import { useTranslation } from "react-i18next";

export function DealsPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t("nav.deals")}
      description={t("placeholder.deals")}
      icon={<IconLayoutKanban aria-hidden />}
    />
  );
}
