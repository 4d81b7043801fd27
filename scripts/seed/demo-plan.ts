/**
 * The in-memory plan of the demo data set: the rows to insert plus what the generators of child
 * records need to know about their parents (language, team, closing times).
 */
import type { Bant } from "@domain/leads/bant";
import type { LeadSource } from "@domain/leads/lead-source";
import type { LeadStatus } from "@domain/leads/lead-status";
import type { LifecycleStage } from "@domain/leads/lifecycle";
import { faker } from "@faker-js/faker";
import type { activityParticipants, dealContacts, dealStageHistory } from "@server/db/schema";
import type { Language, TeamKey } from "@server/modules/seed/demo-data";
import type { UserRow } from "@server/modules/users/user.repository";
import type {
  Address,
  NewActivity,
  NewCompany,
  NewContact,
  NewDeal,
  NewLead,
  StageRow,
} from "@test/factories-crm";
import type { People } from "./people";
import { chance } from "./random";

export type Row<T> = T & { id: string; createdAt: Date; updatedAt: Date };
export type Country = Address["country"];

export interface CompanyPlan {
  row: Row<NewCompany>;
  address: Address;
  country: Country;
  team: TeamKey;
}
export interface ContactPlan {
  row: Row<NewContact>;
  company: CompanyPlan | undefined;
  country: Country;
  team: TeamKey;
}
export type LeadRowPlan = Row<NewLead> & {
  status: LeadStatus;
  lifecycleStage: LifecycleStage;
  bant: Bant;
  source: LeadSource;
};
export interface LeadPlan {
  row: LeadRowPlan;
  language: Language;
  team: TeamKey;
  /** When it was closed (dead and recycled leads). */
  closedAt: Date | null;
  convertedContact: ContactPlan | undefined;
}
export interface DealPlan {
  row: Row<NewDeal>;
  language: Language;
  team: TeamKey;
  contact: ContactPlan;
  closedAt: Date | null;
}
export type Links = Pick<NewActivity, "leadId" | "contactId" | "companyId" | "dealId">;

export interface DemoData {
  companies: Row<NewCompany>[];
  contacts: Row<NewContact>[];
  leads: LeadRowPlan[];
  deals: Row<NewDeal>[];
  dealContacts: (typeof dealContacts.$inferInsert)[];
  dealStageHistory: (typeof dealStageHistory.$inferInsert)[];
  activities: Row<NewActivity>[];
  participants: (typeof activityParticipants.$inferInsert)[];
}

/** What the generators share while they build the data set, parents before children. */
export interface DemoPlan {
  readonly people: People;
  /** The language of the demo's texts (`--locale`): stages, industries, subjects, notes, tags. */
  readonly locale: Language;
  readonly stageRows: StageRow[];
  readonly data: DemoData;
  readonly companies: CompanyPlan[];
  readonly contacts: ContactPlan[];
  readonly leads: LeadPlan[];
  readonly deals: DealPlan[];
}

export function emptyPlan(people: People, stageRows: StageRow[], locale: Language): DemoPlan {
  return {
    people,
    locale,
    stageRows,
    data: {
      companies: [],
      contacts: [],
      leads: [],
      deals: [],
      dealContacts: [],
      dealStageHistory: [],
      activities: [],
      participants: [],
    },
    companies: [],
    contacts: [],
    leads: [],
    deals: [],
  };
}

export const teamIdOf = (plan: DemoPlan, team: TeamKey) => plan.people.teams[team].id;

/** A salesperson of the team (now and then the manager); the first team's records are the manager's. */
export function ownerFor(plan: DemoPlan, team: TeamKey): UserRow {
  if (team === "main" || chance(0.08)) return plan.people.manager;
  return faker.helpers.arrayElement(plan.people.sales[team]);
}

/** German postal codes 0–4 go to the northern team; 5–9, Austria and Switzerland to the southern one. */
export function regionTeam(country: Country, postalCode: string | null | undefined): TeamKey {
  if (chance(0.08)) return "main";
  if (country === "DE") return Number((postalCode ?? "5").slice(0, 1)) < 5 ? "nord" : "sued";
  return country === "AT" || country === "CH" ? "sued" : "nord";
}
