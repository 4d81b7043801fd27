import { normalizePhone } from "@domain/phone-number";
import { faker } from "@faker-js/faker";
import type { DbOrTx } from "@server/db/client";
import { contacts, LEAD_SOURCE_VALUES } from "@server/db/schema";
import type { CountryCode } from "@server/modules/seed/demo-data";
import type { CompanyRow } from "./company.factory";
import { type Ownership, one, resolveOwnership } from "./ownership";
import { fakeJob, fakePerson, freeMailDomain, personEmail } from "./people";
import { countryOf, fakeAddress, fakeMobile, fakePhone, languageOf, pickCountry } from "./places";

export type ContactRow = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

/** One entry of `contacts.emails` / `contacts.phones`. */
export interface ContactPoint {
  value: string;
  type: "work" | "private" | "mobile";
  primary: boolean;
}

export interface ContactOverrides extends Partial<NewContact> {
  country?: CountryCode;
  /** Email domain of the contact's company; without one the contact has a free-mail address. */
  domain?: string | null;
}

export function contactValues(overrides: ContactOverrides = {}): NewContact {
  const { country = pickCountry(), domain = null, ...values } = overrides;
  const { female, ...person } = fakePerson(country);
  const address = fakeAddress(country);
  const emails: ContactPoint[] = [
    domain
      ? { value: personEmail(person, domain), type: "work", primary: true }
      : { value: personEmail(person, freeMailDomain(country)), type: "private", primary: true },
  ];
  if (domain && faker.datatype.boolean({ probability: 0.15 })) {
    emails.push({ value: personEmail(person, freeMailDomain(country)), type: "private", primary: false });
  }
  const phones: ContactPoint[] = [{ value: fakePhone(address), type: "work", primary: true }];
  if (faker.datatype.boolean({ probability: 0.5 })) {
    phones.push({ value: fakeMobile(country), type: "mobile", primary: false });
  }
  const birthday = faker.helpers.maybe(() => faker.date.birthdate({ min: 25, max: 64, mode: "age" }), {
    probability: 0.2,
  });
  const contact: NewContact = {
    ...person,
    ...fakeJob(languageOf(country), female),
    emails,
    phones,
    email: emails[0]?.value ?? null,
    phone: phones[0]?.value ?? null,
    addresses: domain ? [] : [{ type: "home", ...address }],
    birthday: birthday?.toISOString().slice(0, 10) ?? null,
    leadSource: faker.helpers.arrayElement(LEAD_SOURCE_VALUES),
    ...values,
  };
  return { phoneNormalized: normalizePhone(contact.phone), ...contact };
}

export async function buildContact(
  db: DbOrTx,
  overrides: ContactOverrides & Ownership & { company?: CompanyRow | null } = {},
): Promise<ContactRow> {
  const { team, owner, company, ...values } = overrides;
  const ownership = await resolveOwnership(db, { ...values, team, owner, parentTeamId: company?.teamId });
  const linked = company
    ? { companyId: company.id, domain: company.domain, country: countryOf(company.billingAddress) }
    : {};
  return one(
    db
      .insert(contacts)
      .values(contactValues({ ...linked, ...values, ...ownership }))
      .returning(),
  );
}
