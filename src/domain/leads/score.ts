import type { Bant, BantCriterion } from "./bant";
import type { LeadSource } from "./lead-source";
import type { LifecycleStage } from "./lifecycle";

/**
 * Rule-based lead score (0–100) with the reasons behind it ("+20 budget confirmed"). Admins edit the
 * rules; each reason names its rule so the UI can word it in the user's language.
 */
export const SCORE_FIELDS = [
  "email",
  "phone",
  "companyName",
  "jobTitle",
  "website",
  "interest",
  "estimatedValue",
] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];

export type ScoreRule =
  | { id: string; kind: "source"; source: LeadSource; points: number }
  | { id: string; kind: "bant"; criterion: BantCriterion; points: number }
  | { id: string; kind: "field_present"; field: ScoreField; points: number }
  | { id: string; kind: "recent_activity"; withinDays: number; points: number }
  | { id: string; kind: "lifecycle"; stage: LifecycleStage; points: number };

export interface ScoreReason {
  ruleId: string;
  kind: ScoreRule["kind"];
  /** The rule's subject (source, criterion, field, stage, or the day window). */
  subject: string;
  points: number;
}

export interface ScoreInput {
  source: LeadSource;
  bant: Bant;
  lifecycleStage: LifecycleStage;
  present: Partial<Record<ScoreField, boolean>>;
  lastActivityAt: Date | null;
}

export const DEFAULT_SCORE_RULES: ScoreRule[] = [
  { id: "src-referral", kind: "source", source: "referral", points: 15 },
  { id: "src-inbound-call", kind: "source", source: "inbound_call", points: 15 },
  { id: "src-web-form", kind: "source", source: "web_form", points: 10 },
  { id: "src-trade-show", kind: "source", source: "trade_show", points: 10 },
  { id: "src-webinar", kind: "source", source: "webinar", points: 5 },
  { id: "src-purchased-list", kind: "source", source: "purchased_list", points: -5 },
  { id: "bant-budget", kind: "bant", criterion: "budget", points: 20 },
  { id: "bant-authority", kind: "bant", criterion: "authority", points: 15 },
  { id: "bant-need", kind: "bant", criterion: "need", points: 15 },
  { id: "bant-timeline", kind: "bant", criterion: "timeline", points: 10 },
  { id: "has-email", kind: "field_present", field: "email", points: 5 },
  { id: "has-phone", kind: "field_present", field: "phone", points: 5 },
  { id: "has-company", kind: "field_present", field: "companyName", points: 5 },
  { id: "has-job-title", kind: "field_present", field: "jobTitle", points: 5 },
  { id: "recent-activity", kind: "recent_activity", withinDays: 14, points: 10 },
];

const DAY_MS = 86_400_000;

function applies(rule: ScoreRule, input: ScoreInput, now: Date): boolean {
  switch (rule.kind) {
    case "source":
      return input.source === rule.source;
    case "bant":
      return input.bant[rule.criterion].state === "met";
    case "field_present":
      return input.present[rule.field] === true;
    case "recent_activity":
      return (
        input.lastActivityAt !== null &&
        now.getTime() - input.lastActivityAt.getTime() <= rule.withinDays * DAY_MS
      );
    case "lifecycle":
      return input.lifecycleStage === rule.stage;
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

function subjectOf(rule: ScoreRule): string {
  switch (rule.kind) {
    case "source":
      return rule.source;
    case "bant":
      return rule.criterion;
    case "field_present":
      return rule.field;
    case "recent_activity":
      return String(rule.withinDays);
    case "lifecycle":
      return rule.stage;
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

export function computeScore(input: ScoreInput, rules: readonly ScoreRule[], now: Date) {
  const reasons: ScoreReason[] = rules
    .filter((rule) => rule.points !== 0 && applies(rule, input, now))
    .map((rule) => ({ ruleId: rule.id, kind: rule.kind, subject: subjectOf(rule), points: rule.points }));
  const sum = reasons.reduce((total, r) => total + r.points, 0);
  return { score: Math.max(0, Math.min(100, sum)), reasons };
}

/**
 * The shortest day window of a "recent activity" rule that gives points (null without one). A lead's
 * recency points can only have lapsed since its last score if its last activity is older than this,
 * which is how the recency job narrows its search.
 */
export function shortestRecencyWindow(rules: readonly ScoreRule[]): number | null {
  const windows = rules.flatMap((rule) =>
    rule.kind === "recent_activity" && rule.points !== 0 ? [rule.withinDays] : [],
  );
  return windows.length === 0 ? null : Math.min(...windows);
}
