import type { FormFieldName } from "@shared/schemas/form";
import type { Lang } from "./submit-form.service";

/**
 * The hosted form page's own words (the labels are the form's). The page is rendered by the server
 * for visitors without the web app, so its texts live here rather than in src/web/i18n.
 */
export const PAGE_TEXTS = {
  de: {
    send: "Absenden",
    required: "Pflichtfeld",
    thanks: "Vielen Dank! Wir haben Ihre Angaben erhalten und melden uns bei Ihnen.",
    errorsTitle: "Bitte prüfen Sie die markierten Felder.",
    notFound: "Dieses Formular gibt es nicht.",
    inactive: "Dieses Formular nimmt keine Einsendungen mehr an.",
    honeypot: "Bitte dieses Feld leer lassen",
    policyVersion: "Fassung",
    confirmed: "Vielen Dank! Ihre Einwilligung ist bestätigt.",
    confirmUnknown: "Dieser Bestätigungslink ist ungültig oder abgelaufen.",
  },
  en: {
    send: "Send",
    required: "Required",
    thanks: "Thank you! We have received your details and will get back to you.",
    errorsTitle: "Please check the marked fields.",
    notFound: "There is no such form.",
    inactive: "This form no longer accepts submissions.",
    honeypot: "Please leave this field empty",
    policyVersion: "Version",
    confirmed: "Thank you! Your consent is confirmed.",
    confirmUnknown: "This confirmation link is invalid or has expired.",
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** Field errors the public can meet, worded for visitors ({count}/{seconds} filled in). */
export const ERROR_TEXTS: Record<Lang, Record<string, string>> = {
  de: {
    required: "Bitte füllen Sie dieses Feld aus.",
    email_invalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
    phone_invalid: "Bitte geben Sie eine gültige Telefonnummer ein.",
    website_invalid: "Bitte geben Sie eine gültige Webadresse ein.",
    vat_id_invalid: "Bitte geben Sie eine gültige USt-IdNr. ein (z. B. DE136695976).",
    too_long: "Bitte höchstens {count} Zeichen.",
    invalid: "Dieser Wert ist ungültig.",
    lead_who_required: "Bitte geben Sie an, wie wir Sie erreichen.",
    form_consent_required: "Bitte stimmen Sie der Einwilligung zu.",
    form_too_fast: "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular erneut.",
    form_rate_limited: "Zu viele Einsendungen. Bitte versuchen Sie es in {seconds} Sekunden erneut.",
  },
  en: {
    required: "Please fill in this field.",
    email_invalid: "Please enter a valid email address.",
    phone_invalid: "Please enter a valid phone number.",
    website_invalid: "Please enter a valid web address.",
    vat_id_invalid: "Please enter a valid VAT ID (e.g. DE136695976).",
    too_long: "Please use at most {count} characters.",
    invalid: "This value is not valid.",
    lead_who_required: "Please tell us how to reach you.",
    form_consent_required: "Please agree to the consent text.",
    form_too_fast: "That was very quick. Please check your entries and send the form again.",
    form_rate_limited: "Too many submissions. Please try again in {seconds} seconds.",
  },
};

export function errorText(
  lang: Lang,
  code: string | undefined,
  params?: Record<string, string | number>,
): string {
  const template = ERROR_TEXTS[lang][code ?? "invalid"] ?? ERROR_TEXTS[lang].invalid ?? "";
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ""));
}

/** How each field is typed in, so phones get a phone keypad and browsers can fill addresses. */
export const INPUTS: Record<FormFieldName, { type: string; autocomplete: string; multiline?: boolean }> = {
  salutation: { type: "text", autocomplete: "honorific-prefix" },
  title: { type: "text", autocomplete: "honorific-prefix" },
  firstName: { type: "text", autocomplete: "given-name" },
  lastName: { type: "text", autocomplete: "family-name" },
  companyName: { type: "text", autocomplete: "organization" },
  jobTitle: { type: "text", autocomplete: "organization-title" },
  department: { type: "text", autocomplete: "off" },
  email: { type: "email", autocomplete: "email" },
  phone: { type: "tel", autocomplete: "tel" },
  mobile: { type: "tel", autocomplete: "tel" },
  website: { type: "text", autocomplete: "url" },
  street: { type: "text", autocomplete: "street-address" },
  postalCode: { type: "text", autocomplete: "postal-code" },
  city: { type: "text", autocomplete: "address-level2" },
  country: { type: "text", autocomplete: "country-name" },
  interest: { type: "text", autocomplete: "off", multiline: true },
  vatId: { type: "text", autocomplete: "off" },
};
