import { IconCalendarEvent } from "@tabler/icons-react";
import { PlaceholderPage } from "@web/components/placeholder-page";
import { useTranslation } from "react-i18next";

export function ActivitiesPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t("nav.activities")}
      description={t("placeholder.activities")}
      icon={<IconCalendarEvent aria-hidden />}
    />
  );
}
