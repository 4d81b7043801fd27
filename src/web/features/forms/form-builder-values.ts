import type { FormFieldName, WebForm } from "@shared/schemas/form";
import type { TFunction } from "i18next";
import type { CreateFormRequest } from "./forms-api";

export interface BuilderField {
  field: FormFieldName;
  label: { de: string; en: string };
  required: boolean;
}

/** What the builder edits: the API's shape, with numbers as typed and optional texts as "". */
export interface BuilderValues {
  name: string;
  campaign: string;
  teamId: string | null;
  fields: BuilderField[];
  consent: boolean;
  doubleOptIn: boolean;
  consentText: { de: string; en: string };
  policyVersion: string;
  thankYou: boolean;
  thankYouText: { de: string; en: string };
  redirectUrl: string;
  allowedOrigins: string[];
  minFillSeconds: string;
  limitPerClient: string;
  limitPerForm: string;
  active: boolean;
}

/** A field's default labels: the lead field's names in both languages. */
export function defaultLabel(field: FormFieldName, de: TFunction, en: TFunction) {
  const key = field === "vatId" ? "forms.vatId" : (`leads.fields.${field}` as const);
  return { de: de(key), en: en(key) };
}

export function initialValues(form: WebForm | undefined, de: TFunction, en: TFunction): BuilderValues {
  const field = (name: FormFieldName, required: boolean): BuilderField => ({
    field: name,
    label: defaultLabel(name, de, en),
    required,
  });
  return {
    name: form?.name ?? "",
    campaign: form?.campaign ?? "",
    teamId: form?.teamId ?? null,
    fields: form?.fields ?? [
      field("firstName", false),
      field("lastName", true),
      field("companyName", false),
      field("email", true),
      field("interest", false),
    ],
    consent: form ? form.consentText !== null : true,
    doubleOptIn: form?.doubleOptIn ?? false,
    consentText: form?.consentText ?? { de: de("forms.defaultConsent"), en: en("forms.defaultConsent") },
    policyVersion: form?.policyVersion ?? "",
    thankYou: form ? form.thankYouText !== null : false,
    thankYouText: form?.thankYouText ?? { de: "", en: "" },
    redirectUrl: form?.redirectUrl ?? "",
    allowedOrigins: form?.allowedOrigins ?? [],
    minFillSeconds: String(form?.minFillSeconds ?? 3),
    limitPerClient: String(form?.limitPerClient ?? 10),
    limitPerForm: String(form?.limitPerForm ?? 1000),
    active: form?.active ?? true,
  };
}

/** The request body; numbers already read by the caller's NumberReader. */
export function requestBody(
  v: BuilderValues,
  numbers: { minFillSeconds: number; limitPerClient: number; limitPerForm: number },
): CreateFormRequest {
  return {
    name: v.name.trim(),
    campaign: v.campaign.trim() || null,
    teamId: v.teamId,
    fields: v.fields,
    consentText: v.consent ? v.consentText : null,
    policyVersion: v.policyVersion.trim() || null,
    thankYouText: v.thankYou ? v.thankYouText : null,
    redirectUrl: v.redirectUrl.trim() || null,
    allowedOrigins: v.allowedOrigins,
    ...numbers,
    active: v.active,
    doubleOptIn: v.consent && v.doubleOptIn,
  };
}
