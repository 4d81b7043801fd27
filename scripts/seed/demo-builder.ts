import type { Language } from "@server/modules/seed/demo-data";
import type { StageRow } from "@test/factories-crm";
import { buildActivities } from "./activity.seed";
import { buildCompanies } from "./company.seed";
import { buildContacts } from "./contact.seed";
import { buildDeals } from "./deal.seed";
import { type DemoData, emptyPlan } from "./demo-plan";
import { buildLeads } from "./lead.seed";
import { scoreLeads } from "./lead-score.seed";
import type { People } from "./people";

/**
 * Generates the whole data set in memory, parents before children, every time consistent with its
 * parent's. The order of the steps is part of the output: each draws from the one seeded faker.
 */
export function buildDemoData(people: People, stageRows: StageRow[], locale: Language = "de"): DemoData {
  const plan = emptyPlan(people, stageRows, locale);
  buildCompanies(plan);
  buildContacts(plan);
  buildLeads(plan);
  buildDeals(plan);
  buildActivities(plan);
  scoreLeads(plan);
  return plan.data;
}
