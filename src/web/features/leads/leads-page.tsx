import { IconTargetArrow } from "@tabler/icons-react";
import { PlaceholderPage } from "@web/components/placeholder-page";
import { useTranslation } from "react-i18next";

export function LeadsPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t("nav.leads")}
      description={t("placeholder.leads")}
      icon={<IconTargetArrow aria-hidden />}
    />
  );
}
