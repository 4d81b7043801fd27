/**
 * What turns a stored phone into the shown one: libphonenumber-js and its metadata (about 30 kB
 * compressed). Loaded on first use by phone-link.tsx, so the lists' first load stays in its budget
 * (e2e/first-load.spec.ts) and a cell shows the number as stored until then.
 */
import { homeCountryOf } from "@domain/addresses/address-block";
import { formatPhone, phoneHref } from "@shared/phone-format";

/** National for the reader of the German UI in the team's country, international otherwise (issue #20). */
export function phoneForReader(
  value: string,
  language: string,
  letterheadCountry: string | null | undefined,
) {
  const home = language === "de" ? homeCountryOf(letterheadCountry) : null;
  return { text: formatPhone(value, home), href: phoneHref(value) };
}
