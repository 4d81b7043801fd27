import { homeCountryOf } from "@domain/addresses/address-block";
import { useLetterhead } from "@web/features/quotes/use-letterhead";
import { useTranslation } from "react-i18next";

/**
 * The country the team works from (issue #20): the letterhead's country in Settings → Letterhead,
 * Germany when it is empty. Addresses there need no country line.
 */
export function useHomeCountry(): string {
  return homeCountryOf(useLetterhead().data?.country);
}

/**
 * The country whose phone numbers the reader sees in national format: the team's country for a
 * reader of the German UI; null (every number international, dialable from anywhere) for a reader of
 * another language, who may well sit abroad.
 */
export function usePhoneCountry(): string | null {
  const home = useHomeCountry();
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? i18n.language) === "de" ? home : null;
}
