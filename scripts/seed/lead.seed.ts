import { randomUUID } from "node:crypto";
import { LEAD_SOURCES, type LeadSource } from "@domain/leads/lead-source";
import type { LeadStatus } from "@domain/leads/lead-status";
import { LIFECYCLE_STAGES } from "@domain/leads/lifecycle";
import { normalizePhone } from "@domain/phone-number";
import { faker } from "@faker-js/faker";
import {
  DEAD_REASONS,
  INTERESTS,
  inLanguage,
  LEAD_AGE_DAYS,
  LEAD_STATUS_COUNTS,
  LEAD_TAGS,
  MARKETING_SOURCES,
  pick,
  SOURCE_DETAILS,
  SOURCE_WEIGHTS,
  STAGE_WEIGHTS,
} from "@server/modules/seed/demo-data";
import {
  fakeJob,
  fakePerson,
  languageOf,
  leadValues,
  type NewLead,
  personEmail,
  pickCountry,
} from "@test/factories-crm";
import { ago, between, earliest, latest, now, plus, stepsAfter } from "./clock";
import {
  type CompanyPlan,
  type ContactPlan,
  type Country,
  type DemoPlan,
  type LeadPlan,
  type LeadRowPlan,
  ownerFor,
  regionTeam,
  teamIdOf,
} from "./demo-plan";
import { bantFor } from "./lead-bant.seed";
import { chance, tags, weighted } from "./random";

/**
 * LEAD_STATUS_COUNTS leads in random order, every source at least once; converted leads take a
 * contact of their own (the one the conversion created), some others are about an existing record.
 */
export function buildLeads(plan: DemoPlan): void {
  const statuses = faker.helpers.shuffle(
    (Object.entries(LEAD_STATUS_COUNTS) as [LeadStatus, number][]).flatMap(([s, n]) =>
      Array<LeadStatus>(n).fill(s),
    ),
  );
  const convertible = faker.helpers.shuffle(plan.contacts.filter((c) => c.company));
  const loose = faker.helpers.shuffle(plan.contacts.filter((c) => !c.company));
  statuses.forEach((status, i) => {
    // The first leads take one source each, so every source occurs whatever the weights pick.
    const source = LEAD_SOURCES[i] ?? weighted(SOURCE_WEIGHTS);
    const converted = status === "converted" ? (chance(0.9) ? convertible.pop() : loose.pop()) : undefined;
    const contact = converted ?? (chance(0.12) ? faker.helpers.arrayElement(plan.contacts) : undefined);
    const company = contact
      ? contact.company
      : chance(0.08)
        ? faker.helpers.arrayElement(plan.companies)
        : undefined;
    plan.leads.push(buildLead(plan, status, source, contact, company, converted));
  });
}

function buildLead(
  plan: DemoPlan,
  status: LeadStatus,
  source: LeadSource,
  contact: ContactPlan | undefined,
  company: CompanyPlan | undefined,
  convertedContact: ContactPlan | undefined,
): LeadPlan {
  const country = contact?.country ?? company?.country ?? pickCountry();
  const language = plan.locale;
  const made = leadValues({ country, source });
  const raw = { ...made, interest: made.interest && inLanguage(made.interest, INTERESTS, language) };
  const who = whoOf(contact, company, country);
  const team = contact?.team ?? company?.team ?? regionTeam(country, raw.postalCode);
  const stage = weighted(STAGE_WEIGHTS[status]);

  // A conversion creates (or links) the contact, so it happened when the contact appeared.
  const convertedAt = convertedContact ? convertedContact.row.createdAt : null;
  const closes = status === "dead" || status === "recycled";
  const createdAt = convertedAt
    ? between(latest(ago(365), plus(convertedAt, -60)), plus(convertedAt, -2))
    : between(
        latest(contact?.row.createdAt ?? company?.row.createdAt ?? ago(365), ago(LEAD_AGE_DAYS[status])),
        ago(status === "new" ? 0.05 : 2),
      );
  const stageEnd = convertedAt ?? (closes ? between(createdAt, ago(1)) : now);
  const stageTimes = [createdAt, ...stepsAfter(createdAt, stageEnd, LIFECYCLE_STAGES.indexOf(stage))];
  const lastStageAt = stageTimes.at(-1) ?? createdAt;
  const closedAt = closes ? between(lastStageAt, earliest(now, plus(lastStageAt, 60))) : null;
  const reopenedAt = status === "recycled" && closedAt ? between(closedAt, now) : null;

  // An SQL has all four BANT criteria met, so it cannot have died of one of them.
  const reasons = stage === "sql" ? DEAD_REASONS.filter((r) => !r.criterion) : DEAD_REASONS;
  const deadReason = status === "dead" ? faker.helpers.arrayElement(reasons) : undefined;
  const bant = bantFor(stage, language, raw.estimatedValue ?? null, deadReason?.criterion, convertedAt);
  const hasOwner = status === "recycled" ? chance(0.6) : status === "dead" ? chance(0.85) : status !== "new";
  const marketingOwns = team === "main" && status === "assigned" && (stage === "mal" || stage === "mql");
  const owner = hasOwner ? (marketingOwns ? plan.people.marketing : ownerFor(plan, team)) : undefined;
  // Web forms create leads by themselves; marketing enters lists, campaigns and events.
  const createdBy =
    source === "web_form"
      ? null
      : MARKETING_SOURCES.has(source)
        ? plan.people.marketing.id
        : (owner?.id ?? plan.people.manager.id);
  const detail = faker.helpers.arrayElement(SOURCE_DETAILS[source] ?? [null]);
  // Whoever enters a lead for themselves owns it at once; others were assigned within two days.
  const assignedAt = (ownerId: string) =>
    ownerId === createdBy ? createdAt : between(createdAt, earliest(plus(createdAt, 2), stageEnd));
  const row: LeadRowPlan = {
    ...raw,
    ...who,
    id: randomUUID(),
    status,
    lifecycleStage: stage,
    source,
    sourceDetail: detail ? pick(detail, language) : null,
    teamId: teamIdOf(plan, team),
    ownerId: owner?.id ?? null,
    createdBy,
    createdAt,
    updatedAt: latest(lastStageAt, convertedAt ?? createdAt, reopenedAt ?? closedAt ?? createdAt),
    assignedAt: owner ? assignedAt(owner.id) : null,
    tags: source === "trade_show" ? [pick(["Messe", "event"], language)] : tags(LEAD_TAGS, language, 2),
    contactId: contact?.row.id ?? null,
    companyId: company?.row.id ?? null,
    bant,
    deadReason: deadReason ? pick(deadReason.text, language) : null,
    malAt: stageTimes[0] ?? null,
    mqlAt: stageTimes[1] ?? null,
    salAt: stageTimes[2] ?? null,
    sqlAt: stageTimes[3] ?? null,
    convertedAt,
    convertedContactId: convertedContact?.row.id ?? null,
    convertedCompanyId: convertedContact?.company?.row.id ?? null,
    convertedDealId: null, // set when a deal is made from the lead
  };
  row.phoneNormalized = normalizePhone(row.phone);
  row.mobileNormalized = normalizePhone(row.mobile);
  if (convertedContact) convertedContact.row.leadSource = source;
  plan.data.leads.push(row);
  return { row, language, team, closedAt, convertedContact };
}

/** The person and company fields of a lead linked to a contact or company: copied from them. */
function whoOf(
  contact: ContactPlan | undefined,
  company: CompanyPlan | undefined,
  country: Country,
): Partial<NewLead> {
  if (contact) {
    const c = contact.row;
    return {
      salutation: c.salutation,
      title: c.title,
      firstName: c.firstName,
      lastName: c.lastName,
      jobTitle: c.jobTitle,
      department: c.department,
      email: c.email,
      phone: c.phone,
      companyName: company?.row.name ?? null,
      website: company?.row.website ?? null,
      ...company?.address,
    };
  }
  if (!company) return {};
  const { female, ...person } = fakePerson(country);
  const email = company.row.domain ? personEmail(person, company.row.domain) : null;
  return {
    ...person,
    ...fakeJob(languageOf(country), female),
    email,
    companyName: company.row.name,
    website: company.row.website,
    ...company.address,
  };
}
