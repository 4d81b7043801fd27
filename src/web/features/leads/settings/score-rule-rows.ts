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

/** A rule as the editor holds it: whatever its kind, the subject is one string. */
export interface ScoreRuleRow {
  id: string;
  kind: ScoreRuleKind;
  subject: string;
  points: number | string;
}

export function toRow(rule: ScoreRule): ScoreRuleRow {
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
  return { id: `rule-${crypto.randomUUID()}`, kind: "source", subject: defaultSubject("source"), points: 5 };
}

/** The API's rule, or null when the row is incomplete (the editor's validation says where). */
export function toRule(row: ScoreRuleRow): ScoreRule | null {
  const points = typeof row.points === "number" ? row.points : Number.NaN;
  if (!Number.isInteger(points)) return null;
  const { id, subject } = row;
  switch (row.kind) {
    case "source":
      return isLeadSource(subject) ? { id, kind: "source", source: subject, points } : null;
    case "bant":
      return isBantCriterion(subject) ? { id, kind: "bant", criterion: subject, points } : null;
    case "field_present":
      return isScoreField(subject) ? { id, kind: "field_present", field: subject, points } : null;
    case "recent_activity": {
      const withinDays = Number(subject);
      return Number.isInteger(withinDays) && withinDays > 0
        ? { id, kind: "recent_activity", withinDays, points }
        : null;
    }
    case "lifecycle":
      return isLifecycleStage(subject) ? { id, kind: "lifecycle", stage: subject, points } : null;
    default: {
      const unreachable: never = row.kind;
      return unreachable;
    }
  }
}
