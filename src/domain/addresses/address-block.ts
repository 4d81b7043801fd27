/**
 * A postal address as a DIN 5008 address block (issue #20 point 4): the company, the name line with
 * form of address and title ("Frau Dr. Anna Müller"), the street, "PLZ Ort", and, for a letter
 * abroad only, the country in capitals on the last line. Pure: the company and contact pages, the
 * CSV/XLSX export and the quote PDF draw the same lines.
 */
import { countryCodeOf, knownCountries } from "@domain/intake/normalise";

export interface PostalAddress {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  /** As typed: an ISO code ("AT") or a name in German or English ("Österreich", "Austria"). */
  country?: string | null;
}

export interface AddressBlockInput {
  company?: string | null;
  /** The person: salutation and title belong in the name line under DIN 5008. */
  person?: {
    salutation?: string | null;
    title?: string | null;
    firstName?: string | null;
    lastName?: string | null;
  } | null;
  address: PostalAddress | null | undefined;
}

export interface AddressBlockOptions {
  /** ISO code of the sender's country (the letterhead's): no country line for addresses there. */
  homeCountry: string;
  /** The language the country name is written in. */
  locale: "de" | "en";
}

const clean = (text: string | null | undefined) => text?.replace(/\s+/g, " ").trim() || null;
const join = (...parts: (string | null | undefined)[]) =>
  parts
    .map(clean)
    .filter((p): p is string => p !== null)
    .join(" ");

/** The country line: empty at home, else the country's name in capitals (typed text when unknown). */
export function countryLine(country: string | null | undefined, options: AddressBlockOptions): string | null {
  const typed = clean(country);
  if (!typed) return null;
  const key = `${options.locale}|${options.homeCountry}|${typed}`;
  const known = countryLines.get(key);
  if (known !== undefined) return known;
  const code = countryCodeOf(typed);
  const line =
    code === options.homeCountry.toUpperCase()
      ? null
      : (
          (code ? new Intl.DisplayNames([options.locale], { type: "region" }).of(code) : typed) ?? typed
        ).toLocaleUpperCase(options.locale === "de" ? "de-DE" : "en-GB");
  // Bounded: typed country names are free text.
  if (countryLines.size < 10_000) countryLines.set(key, line);
  return line;
}

/**
 * The country line of every code (upper case) and name (lower case) `countryCodeOf` knows, for a
 * reader that looks the typed country up itself (the lead CSV written by PostgreSQL, issue #17); a
 * typed text found in neither is written in capitals.
 */
export function countryLineTable(options: AddressBlockOptions): {
  codes: [string, string | null][];
  names: [string, string | null][];
} {
  const { codes, names } = knownCountries();
  return {
    codes: [...codes].map((code) => [code, countryLine(code, options)]),
    names: [...names.keys()].map((name) => [name, countryLine(name, options)]),
  };
}

/**
 * Country lines already worked out: an export writes one per row, and Intl.DisplayNames is slow to
 * build (issue #17: a million rows).
 */
const countryLines = new Map<string, string | null>();

/** The block's lines, top to bottom, without empty ones; [] when there is nothing to address. */
export function addressBlock(input: AddressBlockInput, options: AddressBlockOptions): string[] {
  const p = input.person;
  const a = input.address ?? {};
  const lines = [
    clean(input.company),
    p ? join(p.salutation, p.title, p.firstName, p.lastName) : null,
    clean(a.street),
    join(a.postalCode, a.city),
    countryLine(a.country, options),
  ];
  return lines.filter((line): line is string => Boolean(line));
}

/** Whether an address has anything a letter could be sent to (street, postal code or city). */
export const hasPostalAddress = (a: PostalAddress | null | undefined) =>
  Boolean(clean(a?.street) || clean(a?.postalCode) || clean(a?.city));

/**
 * The sender's country as an ISO code: the letterhead's country setting, Germany when it is empty or
 * unknown (national numbers and addresses are read as German throughout the product).
 */
export const homeCountryOf = (letterheadCountry: string | null | undefined): string =>
  countryCodeOf(clean(letterheadCountry)) ?? "DE";
