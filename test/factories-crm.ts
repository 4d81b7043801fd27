/**
 * Factories for CRM records (STYLE rule 8), shared by tests and the seed scripts; one module per
 * entity in test/crm-factories/, gathered here so that callers import from one place.
 *
 * Two layers: `xxxValues(overrides)` returns the insert values of one realistic row without touching
 * the database (the seed scripts batch hundreds of them); `buildXxx(db, overrides)` inserts one row
 * and creates whatever parent it needs and was not given (a team, a pipeline with stages, a lead).
 * `seedFakers(n)` makes the output repeatable.
 */
export * from "./crm-factories/activity.factory";
export * from "./crm-factories/company.factory";
export * from "./crm-factories/contact.factory";
export * from "./crm-factories/deal.factory";
export * from "./crm-factories/lead.factory";
export type { Ownership } from "./crm-factories/ownership";
export * from "./crm-factories/people";
export {
  type Address,
  COUNTRY_CODES,
  countryOf,
  fakeAddress,
  fakeMobile,
  fakePhone,
  languageOf,
  pickCountry,
  seedFakers,
  slugify,
} from "./crm-factories/places";
