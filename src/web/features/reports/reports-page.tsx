import { IconChartBar } from "@tabler/icons-react";
import { PlaceholderPage } from "@web/components/placeholder-page";
import { useTranslation } from "react-i18next";

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t("nav.reports")}
      description={t("placeholder.reports")}
      icon={<IconChartBar aria-hidden />}
    />
  );
}
