/**
 * Realistic building blocks for the bulk seeder, made once with the CRM factories (faker's
 * localised names and streets, the demo vocabulary's cities, companies and jobs) and then combined
 * at random per lead: thousands of people and companies per country give millions of distinct leads.
 */
import { COUNTRY_DATA, type CountryCode, type Language } from "@server/modules/seed/demo-data";
import {
  COUNTRY_CODES,
  fakeAddress,
  fakeCompanyIdentity,
  fakeJob,
  fakePerson,
  languageOf,
  seedFakers,
  slugify,
} from "@test/factories-crm";

export interface PooledPerson {
  salutation: string | null;
  title: string | null;
  firstName: string;
  lastName: string;
  jobTitle: string;
  department: string;
  /** "anna.mueller": the local part of the person's email addresses. */
  emailLocal: string;
}

export interface PooledCompany {
  name: string;
  domain: string;
  street: string;
  postalCode: string;
  city: string;
  /** Area code of the city, for landlines. */
  area: string;
}

export interface CountryPool {
  code: CountryCode;
  language: Language;
  dial: string;
  mobilePrefixes: readonly string[];
  freeMail: readonly string[];
  persons: PooledPerson[];
  companies: PooledCompany[];
}

export function buildPools(
  seed: number,
  size = { persons: 3000, companies: 1500 },
): Record<CountryCode, CountryPool> {
  seedFakers(seed);
  const pools = {} as Record<CountryCode, CountryPool>;
  for (const code of COUNTRY_CODES) {
    const data = COUNTRY_DATA[code];
    const language = languageOf(code);
    const persons: PooledPerson[] = [];
    for (let i = 0; i < size.persons; i++) {
      const { female, ...person } = fakePerson(code);
      const local = `${slugify(person.firstName).replace(/-/g, "")}.${slugify(person.lastName)}`;
      persons.push({ ...person, ...fakeJob(language, female), emailLocal: local });
    }
    const companies: PooledCompany[] = [];
    for (let i = 0; i < size.companies; i++) {
      const address = fakeAddress(code);
      const identity = fakeCompanyIdentity(code, address.city);
      const area = data.cities.find(([name]) => name === address.city)?.[2] ?? "30";
      companies.push({ name: identity.name, domain: identity.domain, ...address, area });
    }
    pools[code] = {
      code,
      language,
      dial: data.dial,
      mobilePrefixes: data.mobilePrefixes,
      freeMail: data.freeMail,
      persons,
      companies,
    };
  }
  return pools;
}
