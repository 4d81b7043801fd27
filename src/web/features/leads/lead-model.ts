import { BANT_CRITERIA, BANT_STATES } from "@domain/leads/bant";
import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { LEAD_STATUSES } from "@domain/leads/lead-status";
import { LIFECYCLE_STAGES } from "@domain/leads/lifecycle";
import { SCORE_FIELDS } from "@domain/leads/score";
import type { MantineColor } from "@mantine/core";
import type { Lead, LeadField } from "@shared/schemas/lead";
import type { AppSettings } from "@shared/schemas/settings";

export type { Lead, LeadField };
export type LeadStatus = Lead["status"];
export type LifecycleStage = Lead["lifecycleStage"];
export type LeadSource = Lead["source"];
export type Bant = Lead["bant"];
export type BantCriterion = keyof Bant;
export type BantState = Bant["budget"]["state"];
export type ScoreReason = Lead["scoreReasons"][number];

// The lists come from the domain, as the server's schemas do; the web keeps no copies of them.
export { BANT_CRITERIA, BANT_STATES, LEAD_SOURCES, LEAD_STATUSES, LIFECYCLE_STAGES, SCORE_FIELDS };

export const STATUS_COLORS: Record<LeadStatus, MantineColor> = {
  new: "blue",
  assigned: "cyan",
  in_process: "indigo",
  converted: "teal",
  recycled: "orange",
  dead: "gray",
};

export const LIFECYCLE_COLORS: Record<LifecycleStage, MantineColor> = {
  mal: "gray",
  mql: "blue",
  sal: "violet",
  sql: "green",
};

/**
 * The statuses a user may pick next, mirroring ALLOWED in src/domain/leads/lead-status.ts (the server
 * decides; this only keeps impossible choices out of the menu).
 */
export const NEXT_STATUSES: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ["assigned", "in_process", "dead"],
  assigned: ["new", "in_process", "dead"],
  in_process: ["assigned", "dead"],
  recycled: ["new", "assigned", "in_process", "dead"],
  dead: ["recycled"],
  converted: [],
};

export const COMMON_CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK"] as const;

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return list.some((item) => item === value);
}

export const isLeadStatus = (value: unknown) => isOneOf(LEAD_STATUSES, value);
export const isLifecycleStage = (value: unknown) => isOneOf(LIFECYCLE_STAGES, value);
export const isLeadSource = (value: unknown) => isOneOf(LEAD_SOURCES, value);
export const isBantState = (value: unknown) => isOneOf(BANT_STATES, value);

/** Who the lead is about, as people say it: the person's name, else the company, else how to reach them. */
export function leadDisplayName(
  lead: Pick<Lead, "title" | "firstName" | "lastName" | "companyName" | "email" | "phone">,
): string {
  const person = [lead.title, lead.firstName, lead.lastName].filter(Boolean).join(" ");
  return person || lead.companyName || lead.email || lead.phone || "";
}

type ScoreRuleOf = AppSettings["leadScoreRules"][number];
export type ScoreField = Extract<ScoreRuleOf, { kind: "field_present" }>["field"];
export const isScoreField = (value: unknown) => isOneOf(SCORE_FIELDS, value);
export const isBantCriterion = (value: unknown) => isOneOf(BANT_CRITERIA, value);
