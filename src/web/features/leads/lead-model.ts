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

/**
 * Lists every member of a string union in the given order; a member left out fails the type check,
 * so a status or source added on the server cannot be forgotten here.
 */
const listOf =
  <U extends string>() =>
  <const L extends readonly U[]>(...values: L & ([U] extends [L[number]] ? unknown : never)): L =>
    values;

export const LEAD_STATUSES = listOf<LeadStatus>()(
  "new",
  "assigned",
  "in_process",
  "converted",
  "recycled",
  "dead",
);
export const LIFECYCLE_STAGES = listOf<LifecycleStage>()("mal", "mql", "sal", "sql");
export const LEAD_SOURCES = listOf<LeadSource>()(
  "web_form",
  "email",
  "online_ad",
  "webinar",
  "social_media",
  "inbound_call",
  "referral",
  "trade_show",
  "purchased_list",
  "import",
  "manual",
  "other",
);
export const BANT_CRITERIA = listOf<BantCriterion>()("budget", "authority", "need", "timeline");
export const BANT_STATES = listOf<BantState>()("unknown", "not_met", "met");

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
export const SCORE_FIELDS = listOf<ScoreField>()(
  "email",
  "phone",
  "companyName",
  "jobTitle",
  "website",
  "interest",
  "estimatedValue",
);
export const isScoreField = (value: unknown) => isOneOf(SCORE_FIELDS, value);
export const isBantCriterion = (value: unknown) => isOneOf(BANT_CRITERIA, value);
