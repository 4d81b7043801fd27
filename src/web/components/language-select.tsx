import { Select, type SelectProps } from "@mantine/core";
import { LOCALES } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";

/** Picks one of the UI languages; each is named in its own language, as users look for it. */
export function LanguageSelect(props: Omit<SelectProps, "data">) {
  const { t } = useTranslation();
  return (
    <Select
      allowDeselect={false}
      data={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
      {...props}
    />
  );
}
