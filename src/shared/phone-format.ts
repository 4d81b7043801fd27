import { type CountryCode, getCountries, parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * How every screen shows a phone number (issue #20 point 4): national format for numbers of the
 * reader's country ("030 1234567"), international otherwise ("+43 1 5123456"). Numbers are read the way
 * they are stored and matched (src/domain/phone-number.ts): a national number as German. Text that is
 * no phone number is shown as typed.
 */
const COUNTRIES = new Set<string>(getCountries());

const parse = (value: string) => parsePhoneNumberFromString(value, "DE");

/** `homeCountry` null: every number international (a reader who may not be in the home country). */
export function formatPhone(value: string | null | undefined, homeCountry: string | null): string {
  if (!value) return "";
  const parsed = parse(value);
  if (!parsed?.isPossible()) return value;
  const home = homeCountry && COUNTRIES.has(homeCountry) ? (homeCountry as CountryCode) : null;
  return home && parsed.country === home ? parsed.formatNational() : parsed.formatInternational();
}

/** The `tel:` link of a number: its E.164 form, the typed digits when unparsable. */
export function phoneHref(value: string): string {
  const parsed = parse(value);
  return `tel:${parsed?.isPossible() ? parsed.number : value.replace(/[^\d+]/g, "")}`;
}
