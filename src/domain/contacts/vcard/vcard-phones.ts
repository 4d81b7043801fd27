import {
  type CountryCode,
  getCountries,
  isPossiblePhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js";

/** Leadwerk reads a number without country code as German (`phoneSchema`). */
export const DEFAULT_REGION: CountryCode = "DE";

/** Country names as address books write them, beyond the German and English names Intl knows. */
const ALIASES: Record<string, CountryCode> = {
  usa: "US",
  "u.s.a.": "US",
  "u.s.": "US",
  uk: "GB",
  "great britain": "GB",
  england: "GB",
  brd: "DE",
};

const fold = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .trim()
    .toLowerCase();

let countryNames: Map<string, CountryCode> | null = null;
function namesOfCountries(): Map<string, CountryCode> {
  if (countryNames) return countryNames;
  const names = new Map<string, CountryCode>(Object.entries(ALIASES));
  for (const locale of ["de", "en"]) {
    const display = new Intl.DisplayNames([locale], { type: "region" });
    for (const code of getCountries()) {
      const name = display.of(code);
      if (name && name !== code) names.set(fold(name), code);
    }
  }
  countryNames = names;
  return names;
}

/**
 * The country a card's numbers most likely belong to: an ISO code (Apple's `X-ABADR:us`) or a
 * country name in an address ("Deutschland", "United States", "USA"); undefined when unknown.
 */
export function regionOf(countries: readonly (string | null | undefined)[]): CountryCode | undefined {
  const codes = new Set<string>(getCountries());
  for (const raw of countries) {
    const value = raw?.trim();
    if (!value) continue;
    if (/^[a-z]{2}$/i.test(value) && codes.has(value.toUpperCase()))
      return value.toUpperCase() as CountryCode;
    const byName = namesOfCountries().get(fold(value));
    if (byName) return byName;
  }
  return undefined;
}

export type CardPhone = { ok: true; value: string } | { ok: false; value: string };

/**
 * A card's phone number as Leadwerk stores it. Numbers with a country code, and national numbers of
 * a German (or unknown-country) card, stay as typed. A national number on a card from another
 * country ("(415) 555-3695" with a US address) gets that country's code in international form, since
 * Leadwerk would otherwise read it as a German number and match duplicates wrongly. A number that
 * no reading makes possible is not stored as a phone (`ok: false`): the caller keeps the text
 * elsewhere and reports it, so one odd entry does not lose the whole card.
 */
export function cardPhone(typed: string, region: CountryCode | undefined): CardPhone {
  const value = typed.trim();
  const international = /^(\+|00)/.test(value);
  if (!international && region && region !== DEFAULT_REGION && isPossiblePhoneNumber(value, region)) {
    const parsed = parsePhoneNumberFromString(value, region);
    if (parsed) return { ok: true, value: parsed.formatInternational() };
  }
  if (isPossiblePhoneNumber(value, DEFAULT_REGION)) return { ok: true, value };
  return { ok: false, value };
}
