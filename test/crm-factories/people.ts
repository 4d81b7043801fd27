import { faker } from "@faker-js/faker";
import {
  ACCENTED_FIRST_NAMES,
  COUNTRY_DATA,
  type CountryCode,
  GERMAN_FIRST_NAMES,
  GERMAN_LAST_NAMES,
  JOBS,
  type Language,
  pick,
} from "@server/modules/seed/demo-data";
import { LOCAL_FAKERS, languageOf, slugify } from "./places";

export interface Person {
  /** As people write it (leads.salutation is free text): Herr/Frau, Mr/Ms; null when unknown. */
  salutation: string | null;
  title: string | null;
  firstName: string;
  lastName: string;
}

/** A person of the country; `female` picks the German job title's form (see fakeJob). */
export function fakePerson(country: CountryCode): Person & { female: boolean } {
  const local = LOCAL_FAKERS[country];
  const german = languageOf(country) === "de";
  const female = faker.datatype.boolean();
  let firstName = local.person.firstName(female ? "female" : "male");
  if (german && faker.datatype.boolean({ probability: 0.08 })) {
    firstName = faker.helpers.arrayElement(GERMAN_FIRST_NAMES);
  } else if (faker.datatype.boolean({ probability: 0.04 })) {
    firstName = faker.helpers.arrayElement(ACCENTED_FIRST_NAMES);
  }
  const lastName =
    german && faker.datatype.boolean({ probability: 0.3 })
      ? faker.helpers.arrayElement(GERMAN_LAST_NAMES)
      : local.person.lastName();
  const title = german
    ? faker.helpers.weightedArrayElement([
        { value: null, weight: 85 },
        { value: "Dr.", weight: 12 },
        { value: "Prof. Dr.", weight: 3 },
      ])
    : (faker.helpers.maybe(() => "Dr", { probability: 0.04 }) ?? null);
  const words = german ? ["Herr", "Frau"] : ["Mr", "Ms"];
  const salutation = faker.datatype.boolean({ probability: 0.9 }) ? (words[female ? 1 : 0] ?? null) : null;
  return { salutation, title, firstName, lastName, female };
}

export function personEmail(person: Pick<Person, "firstName" | "lastName">, domain: string): string {
  const first = slugify(person.firstName).replace(/-/g, "");
  const last = slugify(person.lastName);
  const local = faker.helpers.weightedArrayElement([
    { value: `${first}.${last}`, weight: 3 },
    { value: `${first.slice(0, 1)}.${last}`, weight: 1 },
  ]);
  return `${local}@${domain}`;
}

export const freeMailDomain = (country: CountryCode): string =>
  faker.helpers.arrayElement(COUNTRY_DATA[country].freeMail);

export function fakeJob(language: Language, female: boolean): { jobTitle: string; department: string } {
  const job = faker.helpers.arrayElement(JOBS);
  const jobTitle = language === "de" ? job.de[female ? 1 : 0] : job.en;
  return { jobTitle, department: pick(job.department, language) };
}
