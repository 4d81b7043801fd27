import { randomUUID } from "node:crypto";
import { faker } from "@faker-js/faker";
import { CONTACT_TAGS, DEMO_COUNTS } from "@server/modules/seed/demo-data";
import { contactValues, type NewContact, pickCountry } from "@test/factories-crm";
import { ago, between, now } from "./clock";
import { type DemoPlan, ownerFor, type Row, regionTeam, teamIdOf } from "./demo-plan";
import { chance, tags } from "./random";

/** Contacts at the companies (every company gets one first) and some on their own. */
export function buildContacts(plan: DemoPlan): void {
  const total = DEMO_COUNTS.contactsWithCompany + DEMO_COUNTS.contactsAlone;
  for (let i = 0; i < total; i++) {
    // Every company gets one contact first, then the rest spread at random.
    const company =
      i < plan.companies.length
        ? plan.companies[i]
        : i < DEMO_COUNTS.contactsWithCompany
          ? faker.helpers.arrayElement(plan.companies)
          : undefined;
    const country = company?.country ?? pickCountry();
    const values = contactValues({ country, domain: company?.row.domain ?? null });
    const team = company?.team ?? regionTeam(country, null);
    const ownerId = company ? company.row.ownerId : ownerFor(plan, team).id;
    const createdAt = between(company ? company.row.createdAt : ago(365), ago(5));
    const consent = chance(0.4);
    const row: Row<NewContact> = {
      ...values,
      id: randomUUID(),
      companyId: company?.row.id ?? null,
      teamId: teamIdOf(plan, team),
      ownerId: ownerId ?? null,
      createdBy: ownerId ?? plan.people.manager.id,
      createdAt,
      updatedAt: between(createdAt, now),
      tags: tags(CONTACT_TAGS, plan.locale, 1),
      marketingConsent: consent,
      consentSource: consent ? faker.helpers.arrayElement(["web_form", "trade_show", "email"]) : null,
      consentAt: consent ? createdAt : null,
    };
    plan.contacts.push({ row, company, country, team });
    plan.data.contacts.push(row);
  }
}
