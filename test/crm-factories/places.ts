/**
 * Countries, addresses and phone numbers for the CRM factories. Names and streets come from faker's
 * de, de_AT, de_CH, en_GB and en_US locales, cities with their real postal and area codes from the
 * demo vocabulary; `seedFakers(n)` makes the output of every factory repeatable.
 */
import { type Faker, faker, fakerDE, fakerDE_AT, fakerDE_CH, fakerEN_GB, fakerEN_US } from "@faker-js/faker";
import { COUNTRY_DATA, type CountryCode, type Language } from "@server/modules/seed/demo-data";

export const LOCAL_FAKERS: Record<CountryCode, Faker> = {
  DE: fakerDE,
  AT: fakerDE_AT,
  CH: fakerDE_CH,
  GB: fakerEN_GB,
  US: fakerEN_US,
};
export const COUNTRY_CODES = Object.keys(COUNTRY_DATA) as CountryCode[];
export const languageOf = (country: CountryCode): Language => COUNTRY_DATA[country].language;

/** The country of a stored address (JSON), when it is one the factories know. */
export function countryOf(address: unknown): CountryCode | undefined {
  if (typeof address !== "object" || address === null || !("country" in address)) return undefined;
  const { country } = address;
  return COUNTRY_CODES.find((code) => code === country);
}

/** Seeds every faker instance the factories use, so a run with the same seed yields the same data. */
export function seedFakers(seed: number): void {
  faker.seed(seed);
  for (const code of COUNTRY_CODES) LOCAL_FAKERS[code].seed(seed);
}

/** A German-speaking sales team with some British and US business. */
export const pickCountry = (): CountryCode =>
  faker.helpers.weightedArrayElement<CountryCode>([
    { value: "DE", weight: 66 },
    { value: "AT", weight: 8 },
    { value: "CH", weight: 7 },
    { value: "GB", weight: 11 },
    { value: "US", weight: 8 },
  ]);

export const digits = (n: number) => faker.string.numeric({ length: n, allowLeadingZeros: false });

export interface Address {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2 */
  country: CountryCode;
}

export function fakeAddress(country: CountryCode): Address {
  const [city, postalCode] = faker.helpers.arrayElement(COUNTRY_DATA[country].cities);
  return { street: LOCAL_FAKERS[country].location.streetAddress(), postalCode, city, country };
}

/** A landline in the address's city; US numbers stay in 555-01xx, the range reserved for fiction. */
export function fakePhone(address: Address): string {
  const { dial, cities } = COUNTRY_DATA[address.country];
  const area = cities.find(([name]) => name === address.city)?.[2] ?? "30";
  if (address.country === "US") return `+1 ${area} 555 01${digits(2)}`;
  const length = address.country === "GB" ? 7 : faker.number.int({ min: 6, max: 8 });
  return `${dial} ${area} ${digits(length)}`;
}

export function fakeMobile(country: CountryCode): string {
  const { dial, mobilePrefixes } = COUNTRY_DATA[country];
  const prefix = faker.helpers.arrayElement(mobilePrefixes);
  if (country === "US") return `+1 ${prefix} 555 01${digits(2)}`;
  return `${dial} ${prefix}${country === "GB" ? "" : " "}${digits(country === "GB" ? 3 : 7)}`;
}

/** "Müller & Söhne" → "mueller-soehne": German transliteration first, then other accents dropped. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
