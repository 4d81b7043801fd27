import type { Locale } from "@shared/schemas/common";
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import type de from "./de.json";
import type en from "./en.json";

export const LOCALES = ["de", "en"] as const satisfies readonly Locale[];
export const LOCALE_STORAGE_KEY = "leadwerk.locale";

/** Both directions, so a key missing in either language fails the type check here. */
type Holds<T extends true> = T;
export type CataloguesMatch = Holds<
  [typeof de] extends [typeof en] ? ([typeof en] extends [typeof de] ? true : false) : false
>;

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

/**
 * Resolves once the user's language is loaded. Only that language's catalogue travels with the first
 * load (each is about 30 kB compressed); the other arrives when the user switches. German needs no
 * fallback (the type check keeps both catalogues key for key), so a German user never loads English;
 * any language we do not ship falls back to English.
 */
export const i18nReady = i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .use(resourcesToBackend((language: string) => import(`./${language}.json`)))
  .init({
    supportedLngs: LOCALES,
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    fallbackLng: (code: string) => (code.startsWith("de") ? [] : ["en"]),
    interpolation: { escapeValue: false },
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: LOCALE_STORAGE_KEY,
      caches: ["localStorage"],
    },
    returnNull: false,
  });

/**
 * Both catalogues, for the screens that write texts in both languages at once (the form builder's
 * German and English labels); resolves at once when they are loaded already.
 */
export function loadBothLanguages(): Promise<true> {
  return i18n.loadLanguages([...LOCALES]).then(() => true);
}

export { i18n };
