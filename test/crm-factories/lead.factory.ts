import { EMPTY_BANT } from "@domain/leads/bant";
import { normalizePhone } from "@domain/phone-number";
import { faker } from "@faker-js/faker";
import type { DbOrTx } from "@server/db/client";
import { leads } from "@server/db/schema";
import { type CountryCode, INTERESTS, type Language, pick } from "@server/modules/seed/demo-data";
import { type CompanyRow, fakeCompanyIdentity } from "./company.factory";
import type { ContactRow } from "./contact.factory";
import { type Ownership, one, resolveOwnership } from "./ownership";
import { fakeJob, fakePerson, personEmail } from "./people";
import { fakeAddress, fakeMobile, fakePhone, languageOf, pickCountry } from "./places";

export type LeadRow = typeof leads.$inferSelect;
export type NewLead = typeof leads.$inferInsert;

export const fakeInterest = (language: Language): string =>
  pick(faker.helpers.arrayElement(INTERESTS), language);

/** A rounded amount as a decimal string, e.g. "12500.00". */
export const fakeAmount = (min: number, max: number): string =>
  `${Math.max(500, Math.round(faker.number.int({ min, max }) / 500) * 500)}.00`;

export interface LeadOverrides extends Partial<NewLead> {
  country?: CountryCode;
}

/** A lead with its own raw person and company data; status, stage and source default to a new lead. */
export function leadValues(overrides: LeadOverrides = {}): NewLead {
  const { country = pickCountry(), ...values } = overrides;
  const language = languageOf(country);
  const { female, ...person } = fakePerson(country);
  const address = fakeAddress(country);
  const company = fakeCompanyIdentity(country, address.city);
  const lead: NewLead = {
    status: "new",
    lifecycleStage: "mal",
    source: "manual",
    ...person,
    ...fakeJob(language, female),
    companyName: company.name,
    email: personEmail(person, company.domain),
    phone: fakePhone(address),
    mobile: faker.helpers.maybe(() => fakeMobile(country), { probability: 0.4 }) ?? null,
    website: `https://www.${company.domain}`,
    ...address,
    interest: fakeInterest(language),
    estimatedValue: faker.helpers.maybe(() => fakeAmount(2_000, 150_000), { probability: 0.7 }) ?? null,
    bant: EMPTY_BANT,
    ...values,
  };
  return {
    phoneNormalized: normalizePhone(lead.phone),
    mobileNormalized: normalizePhone(lead.mobile),
    ...lead,
  };
}

/** A lead with its own raw data, or linked to `contact`/`company`; with an owner it starts `assigned`. */
export async function buildLead(
  db: DbOrTx,
  overrides: LeadOverrides & Ownership & { contact?: ContactRow | null; company?: CompanyRow | null } = {},
): Promise<LeadRow> {
  const { team, owner, contact, company, ...values } = overrides;
  const ownership = await resolveOwnership(db, {
    ...values,
    team,
    owner,
    parentTeamId: contact?.teamId ?? company?.teamId,
  });
  const links = {
    ...(contact && { contactId: contact.id, firstName: contact.firstName, lastName: contact.lastName }),
    ...(contact && { email: contact.email, phone: contact.phone, companyId: contact.companyId }),
    ...(company && { companyId: company.id, companyName: company.name, website: company.website }),
  };
  const status = ownership.ownerId ? "assigned" : "new";
  return one(
    db
      .insert(leads)
      .values(leadValues({ status, ...links, ...values, ...ownership }))
      .returning(),
  );
}
