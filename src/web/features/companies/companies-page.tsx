import { IconBuilding } from "@tabler/icons-react";
import { PlaceholderPage } from "@web/components/placeholder-page";
import { useTranslation } from "react-i18next";

export function CompaniesPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t("nav.companies")}
      description={t("placeholder.companies")}
      icon={<IconBuilding aria-hidden />}
    />
  );
}
