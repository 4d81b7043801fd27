import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isLocale } from "./i18n";

// en-GB rather than en-US: our users are European teams who expect day-month order and 24 h time.
const INTL_LOCALES = { de: "de-DE", en: "en-GB" } as const;

export interface Money {
  amount: number;
  currency: string;
}

export interface Formatters {
  locale: string;
  date: (value: string | Date) => string;
  dateTime: (value: string | Date) => string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  money: (value: Money) => string;
}

const toDate = (value: string | Date) => (typeof value === "string" ? new Date(value) : value);

/** Dates, numbers and amounts in the active UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const locale = INTL_LOCALES[isLocale(language) ? language : "en"];

  return useMemo(() => {
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    return {
      locale,
      date: (value) => dateFormat.format(toDate(value)),
      dateTime: (value) => dateTimeFormat.format(toDate(value)),
      number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
      money: ({ amount, currency }) =>
        new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount),
    };
  }, [locale]);
}
