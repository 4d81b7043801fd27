import { domainOfWebsite } from "@domain/companies/company-domain";
import type { MessageKey } from "@shared/message-codes";
import { type CountryCode, getCountries, parsePhoneNumberFromString } from "libphonenumber-js";
import {
  INTAKE_FIELD_MAX,
  INTAKE_TEXT_FIELDS,
  type IntakeConsent,
  type IntakeDefaults,
  type IntakeInput,
  type IntakeTextField,
  UTM_KEYS,
  type UtmKey,
} from "./intake-types";
import { normaliseVatId } from "./vat-id";

/** A submission after normalising: every value trimmed, keys for matching beside what was typed. */
export interface NormalisedIntake {
  values: Record<IntakeTextField, string | null>;
  /** Lower-cased, trimmed email: the matching key (also what is stored). */
  email: string | null;
  /** E.164 forms of phone and mobile, beside the numbers as typed in `values`. */
  phoneE164: string | null;
  mobileE164: string | null;
  /** Lower-case website host without www. */
  domain: string | null;
  /** The VAT id without spaces, dots and dashes, upper-case (DE123456789). */
  vatId: string | null;
  /** ISO 3166 alpha-2 code of `country` when it names one ("DE", "Deutschland", "Germany"). */
  countryCode: string | null;
  sourceDetail: string | null;
  campaign: string | null;
  utm: Partial<Record<UtmKey, string>>;
  consent: IntakeConsent | null;
}

export interface IntakeFieldError {
  path: string;
  code: MessageKey;
  params?: Record<string, string | number>;
}

export type NormaliseResult = { ok: true; row: NormalisedIntake } | { ok: false; errors: IntakeFieldError[] };

// The email shape zod's z.email() checks (its default, "gmail-like" pattern), so forms, the API and
// the import agree on what an address is.
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

// Any character PostgreSQL text cannot hold or a form should never carry (NUL and the other C0
// controls except tab and line breaks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

const COUNTRY_CODES = new Set<string>(getCountries());
/** Country names in German and English → code, built once ("Deutschland", "germany" → DE). */
const COUNTRY_BY_NAME: ReadonlyMap<string, string> = (() => {
  const names = new Map<string, string>();
  for (const locale of ["de", "en"]) {
    const display = new Intl.DisplayNames([locale], { type: "region" });
    for (const code of COUNTRY_CODES) {
      const name = display.of(code);
      if (name) names.set(name.toLowerCase(), code);
    }
  }
  return names;
})();

/** Every code and (lower-case) name `countryCodeOf` knows, for tables built from it. */
export const knownCountries = (): { codes: ReadonlySet<string>; names: ReadonlyMap<string, string> } => ({
  codes: COUNTRY_CODES,
  names: COUNTRY_BY_NAME,
});

export function countryCodeOf(country: string | null): string | null {
  if (!country) return null;
  const upper = country.toUpperCase();
  if (upper.length === 2 && COUNTRY_CODES.has(upper)) return upper;
  return COUNTRY_BY_NAME.get(country.toLowerCase()) ?? null;
}

const regionOf = (region: string): CountryCode => (COUNTRY_CODES.has(region) ? region : "DE") as CountryCode;

/** The E.164 form of a number typed in `region`'s national format, or undefined when impossible. */
export function e164Of(text: string, region: string): string | undefined {
  const parsed = parsePhoneNumberFromString(text, regionOf(region));
  return parsed?.isPossible() ? parsed.number : undefined;
}

function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Normalises one submission of any channel: pure and allocation-light, since the file import sends a
 * million rows through it. Every problem is reported with its field, none is guessed away.
 */
export function normaliseIntake(input: IntakeInput, defaults: IntakeDefaults): NormaliseResult {
  const errors: IntakeFieldError[] = [];
  const values = {} as Record<IntakeTextField, string | null>;
  for (const field of INTAKE_TEXT_FIELDS) {
    const value = text(input[field]);
    values[field] = checked(field, value, errors);
  }
  const email = values.email?.toLowerCase() ?? null;
  if (email !== null && !EMAIL.test(email)) errors.push({ path: "email", code: "email_invalid" });
  values.email = email;

  let phoneE164: string | null = null;
  if (values.phone) {
    phoneE164 = e164Of(values.phone, defaults.region) ?? null;
    if (!phoneE164) errors.push({ path: "phone", code: "phone_invalid" });
  }
  let mobileE164: string | null = null;
  if (values.mobile) {
    mobileE164 = e164Of(values.mobile, defaults.region) ?? null;
    if (!mobileE164) errors.push({ path: "mobile", code: "phone_invalid" });
  }
  let domain: string | null = null;
  if (values.website) {
    domain = domainOfWebsite(values.website);
    if (!domain?.includes(".")) errors.push({ path: "website", code: "website_invalid" });
    else if (!/^https?:\/\//i.test(values.website)) values.website = `https://${values.website}`;
  }
  let vatId: string | null = null;
  const vatText = checked("vatId", text(input.vatId), errors);
  if (vatText) {
    vatId = normaliseVatId(vatText);
    if (!vatId) errors.push({ path: "vatId", code: "vat_id_invalid" });
  }
  const sourceDetail = checked("sourceDetail", text(input.sourceDetail), errors);
  const campaign = checked("sourceDetail", text(input.campaign), errors, "campaign");
  const utm: Partial<Record<UtmKey, string>> = {};
  for (const key of UTM_KEYS) {
    const value = checked("sourceDetail", text(input.utm?.[key]), errors, `utm.${key}`);
    if (value) utm[key] = value;
  }
  if (!values.lastName && !values.companyName && !email && !values.phone && !values.mobile)
    errors.push({ path: "lastName", code: "lead_who_required" });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    row: {
      values,
      email,
      phoneE164,
      mobileE164,
      domain,
      vatId,
      countryCode: countryCodeOf(values.country),
      sourceDetail,
      campaign,
      utm,
      consent: input.consent ?? null,
    },
  };
}

function checked(
  field: keyof typeof INTAKE_FIELD_MAX,
  value: string | null,
  errors: IntakeFieldError[],
  path: string = field,
): string | null {
  if (value === null) return null;
  if (CONTROL.test(value)) {
    errors.push({ path, code: "invalid" });
    return null;
  }
  const max = INTAKE_FIELD_MAX[field];
  if (value.length > max) {
    errors.push({ path, code: "too_long", params: { count: max } });
    return null;
  }
  return value;
}
