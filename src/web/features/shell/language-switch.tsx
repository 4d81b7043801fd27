import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { useChangeLanguage } from "@web/features/account/use-account";
import { currentLocale, isLocale } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";

function LanguageLabel({ short, full }: { short: string; full: string }) {
  return (
    <>
      <span aria-hidden>{short}</span>
      <VisuallyHidden>{full}</VisuallyHidden>
    </>
  );
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("language.label")}
      value={currentLocale()}
      onChange={(value) => {
        if (isLocale(value)) changeLanguage(value);
      }}
      data={[
        { value: "de", label: <LanguageLabel short={t("language.shortDe")} full={t("language.de")} /> },
        { value: "en", label: <LanguageLabel short={t("language.shortEn")} full={t("language.en")} /> },
      ]}
    />
  );
}
