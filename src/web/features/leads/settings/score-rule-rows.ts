import type { NumberRules } from "@shared/locale-number";
import type { NumberReader } from "@web/components/number-field";
import type { ScoreRule } from "@web/features/settings/settings-api";
import {
  BANT_CRITERIA,
  isBantCriterion,
  isLeadSource,
  isLifecycleStage,
  isScoreField,
  LEAD_SOURCES,
  LIFECYCLE_STAGES,
  SCORE_FIELDS,
} from "../lead-model";

export type ScoreRuleKind = ScoreRule["kind"];
export const SCORE_RULE_KINDS: readonly ScoreRuleKind[] = [
  "source",
  "bant",
  "field_present",
  "recent_activity",
  "lifecycle",
];
export const isScoreRuleKind = (value: unknown): value is ScoreRuleKind =>
  SCORE_RULE_KINDS.some((k) => k === value);

/** Points a rule adds or takes: whole numbers from -100 to 100. */
export const POINTS_RULES: NumberRules = { maximumFractionDigits: 0, min: -100, max: 100 };
/** "Activity within N days": whole days, one to a year. */
export const WITHIN_DAYS_RULES: NumberRules = { maximumFractionDigits: 0, min: 1, max: 365 };

/**
 * A rule as the editor holds it: whatever its kind, the subject is one string (for recent activity the
 * days as typed); the points are the text as typed in the user's locale.
 */
export interface ScoreRuleRow {
  id: string;
  kind: ScoreRuleKind;
  subject: string;
  points: string;
}

export function toRow(rule: ScoreRule, numbers: NumberReader): ScoreRuleRow {
  const row = toRowWithPoints(rule);
  return { ...row, points: numbers.format(row.points, POINTS_RULES) };
}

function toRowWithPoints(rule: ScoreRule): Omit<ScoreRuleRow, "points"> & { points: number } {
  switch (rule.kind) {
    case "source":
      return { id: rule.id, kind: rule.kind, subject: rule.source, points: rule.points };
    case "bant":
      return { id: rule.id, kind: rule.kind, subject: rule.criterion, points: rule.points };
    case "field_present":
      return { id: rule.id, kind: rule.kind, subject: rule.field, points: rule.points };
    case "recent_activity":
      return { id: rule.id, kind: rule.kind, subject: String(rule.withinDays), points: rule.points };
    case "lifecycle":
      return { id: rule.id, kind: rule.kind, subject: rule.stage, points: rule.points };
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

/** The first subject of a kind, for a new rule or after the kind changed. */
export function defaultSubject(kind: ScoreRuleKind): string {
  switch (kind) {
    case "source":
      return LEAD_SOURCES[0];
    case "bant":
      return BANT_CRITERIA[0];
    case "field_present":
      return SCORE_FIELDS[0];
    case "recent_activity":
      return "14";
    case "lifecycle":
      return LIFECYCLE_STAGES[1];
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

export function newRow(): ScoreRuleRow {
  return {
    id: `rule-${crypto.randomUUID()}`,
    kind: "source",
    subject: defaultSubject("source"),
    points: "5",
  };
}

/** The API's rule, or null when the row is incomplete (the editor's validation says where). */
export function toRule(row: ScoreRuleRow, numbers: NumberReader): ScoreRule | null {
  const reading = numbers.read(row.points, POINTS_RULES);
  if (reading.kind !== "number") return null;
  const points = reading.value;
  const { id, subject } = row;
  switch (row.kind) {
    case "source":
      return isLeadSource(subject) ? { id, kind: "source", source: subject, points } : null;
    case "bant":
      return isBantCriterion(subject) ? { id, kind: "bant", criterion: subject, points } : null;
    case "field_present":
      return isScoreField(subject) ? { id, kind: "field_present", field: subject, points } : null;
    case "recent_activity": {
      const days = numbers.read(subject, WITHIN_DAYS_RULES);
      return days.kind === "number" ? { id, kind: "recent_activity", withinDays: days.value, points } : null;
    }
    case "lifecycle":
      return isLifecycleStage(subject) ? { id, kind: "lifecycle", stage: subject, points } : null;
    default: {
      const unreachable: never = row.kind;
      return unreachable;
    }
  }
}
