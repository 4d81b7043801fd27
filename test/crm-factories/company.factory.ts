import { faker } from "@faker-js/faker";
import type { DbOrTx } from "@server/db/client";
import { companies } from "@server/db/schema";
import {
  COMPANY_SIZES,
  COUNTRY_DATA,
  type CountryCode,
  GERMAN_LAST_NAMES,
  INDUSTRIES,
  pick,
} from "@server/modules/seed/demo-data";
import { type Ownership, one, resolveOwnership } from "./ownership";
import {
  type Address,
  digits,
  fakeAddress,
  fakePhone,
  LOCAL_FAKERS,
  languageOf,
  pickCountry,
  slugify,
} from "./places";

export type CompanyRow = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;

function fakeVatId(country: CountryCode): string | null {
  switch (country) {
    case "DE":
      return `DE${digits(9)}`;
    case "AT":
      return `ATU${digits(8)}`;
    case "CH":
      return `CHE-${digits(3)}.${digits(3)}.${digits(3)} MWST`;
    case "GB":
      return `GB${digits(9)}`;
    case "US":
      return null;
    default: {
      const unreachable: never = country;
      return unreachable;
    }
  }
}

/** A plausible company name with its industry and domain; a place in the name is `city` when given. */
export function fakeCompanyIdentity(
  country: CountryCode,
  city?: string,
): { name: string; industry: string; domain: string } {
  const { tld, legalForms, cities } = COUNTRY_DATA[country];
  const language = languageOf(country);
  const [industry, nameWord] = faker.helpers.arrayElement(INDUSTRIES);
  const word = pick(nameWord, language);
  const family = () =>
    language === "de" && faker.datatype.boolean({ probability: 0.4 })
      ? faker.helpers.arrayElement(GERMAN_LAST_NAMES)
      : LOCAL_FAKERS[country].person.lastName();
  const shape = faker.helpers.weightedArrayElement([
    { value: "family", weight: 55 },
    { value: "partners", weight: 20 },
    { value: "place", weight: 25 },
  ]);
  const base =
    shape === "family"
      ? `${family()} ${word}`
      : shape === "partners"
        ? `${family()} & ${family()}`
        : `${word} ${city ?? faker.helpers.arrayElement(cities)[0]}`;
  return {
    name: `${base} ${faker.helpers.arrayElement(legalForms)}`,
    industry: pick(industry, language),
    domain: `${slugify(base)}.${tld}`,
  };
}

export interface CompanyOverrides extends Partial<NewCompany> {
  country?: CountryCode;
  /** The billing address; its city also gives the phone's area code. */
  address?: Address;
}

export function companyValues(overrides: CompanyOverrides = {}): NewCompany {
  const { country = overrides.address?.country ?? pickCountry(), ...rest } = overrides;
  const { address = fakeAddress(country), ...values } = rest;
  const identity = fakeCompanyIdentity(country, address.city);
  return {
    name: identity.name,
    website: `https://www.${identity.domain}`,
    // The host without "www.", so that it equals the domain of the company's email addresses.
    domain: identity.domain,
    industry: identity.industry,
    size: faker.helpers.weightedArrayElement(COMPANY_SIZES),
    vatId: fakeVatId(country),
    phone: fakePhone(address),
    email: `${languageOf(country) === "de" ? "info" : "hello"}@${identity.domain}`,
    billingAddress: address,
    ...values,
  };
}

export async function buildCompany(
  db: DbOrTx,
  overrides: CompanyOverrides & Ownership = {},
): Promise<CompanyRow> {
  const { team, owner, ...values } = overrides;
  const ownership = await resolveOwnership(db, { ...values, team, owner });
  return one(
    db
      .insert(companies)
      .values(companyValues({ ...values, ...ownership }))
      .returning(),
  );
}
