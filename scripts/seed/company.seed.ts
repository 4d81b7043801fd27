import { randomUUID } from "node:crypto";
import { COMPANY_TAGS, DEMO_COUNTS, INDUSTRIES, inLanguage, pick } from "@server/modules/seed/demo-data";
import { companyValues, fakeAddress, type NewCompany, pickCountry } from "@test/factories-crm";
import { ago, between, now } from "./clock";
import { type DemoPlan, ownerFor, type Row, regionTeam, teamIdOf } from "./demo-plan";
import { chance, tags } from "./random";

const INDUSTRY_NAMES = INDUSTRIES.map(([industry]) => industry);

/** Companies with unique names, in the team of their region, created within the last year. */
export function buildCompanies(plan: DemoPlan): void {
  const names = new Set<string>();
  while (plan.companies.length < DEMO_COUNTS.companies) {
    const country = pickCountry();
    const address = fakeAddress(country);
    const values = companyValues({ country, address });
    if (names.has(values.name)) continue;
    names.add(values.name);
    const team = regionTeam(country, address.postalCode);
    const owner = chance(0.85) ? ownerFor(plan, team) : undefined;
    const createdAt = between(ago(365), ago(20));
    const language = plan.locale;
    const row: Row<NewCompany> = {
      ...values,
      industry: values.industry && inLanguage(values.industry, INDUSTRY_NAMES, language),
      id: randomUUID(),
      teamId: teamIdOf(plan, team),
      ownerId: owner?.id ?? null,
      createdBy: owner?.id ?? plan.people.manager.id,
      createdAt,
      updatedAt: between(createdAt, now),
      tags:
        team === "main" ? [pick(["Key Account", "key account"], language)] : tags(COMPANY_TAGS, language, 1),
    };
    plan.companies.push({ row, address, country, team });
    plan.data.companies.push(row);
  }
}
