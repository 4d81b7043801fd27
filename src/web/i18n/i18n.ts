import type { Locale } from "@shared/schemas/common";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import de from "./de.json";
import en from "./en.json";

export const LOCALES = ["de", "en"] as const satisfies readonly Locale[];
export const LOCALE_STORAGE_KEY = "leadwerk.locale";

// Both directions, so a key missing in either language fails the type check.
export const resources = {
  en: { translation: en satisfies typeof de },
  de: { translation: de satisfies typeof en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return value === "de" || value === "en";
}

/** The active UI language, narrowed to the two we ship. */
export function currentLocale(): Locale {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(language) ? language : "en";
}

i18n.on("languageChanged", () => {
  document.documentElement.lang = currentLocale();
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: LOCALES,
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: LOCALE_STORAGE_KEY,
      caches: ["localStorage"],
    },
    returnNull: false,
  });

export { i18n };
