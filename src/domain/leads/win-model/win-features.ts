import { BANT_CRITERIA, type BantCriterion } from "../bant";
import { LEAD_SOURCES, type LeadSource } from "../lead-source";
import { SCORE_FIELDS, type ScoreField } from "../score";

/**
 * What the learned win probability (#20 point 3) reads of a lead. Everything here is known while the
 * lead is still open, so a model trained on finished leads applies to open ones.
 */
export interface WinFeatureInput {
  source: LeadSource;
  bantMet: Record<BantCriterion, boolean>;
  createdAt: Date;
  mqlAt: Date | null;
  salAt: Date | null;
  sqlAt: Date | null;
  malAt: Date | null;
  activityCount: number;
  firstActivityAt: Date | null;
  present: Partial<Record<ScoreField, boolean>>;
}

/** The lead fields an admin may add to the model (their presence); the same list the rule score offers. */
export const WIN_MODEL_FIELDS = SCORE_FIELDS;
export type WinModelField = ScoreField;
export const DEFAULT_WIN_MODEL_FIELDS: readonly WinModelField[] = [
  "email",
  "phone",
  "companyName",
  "jobTitle",
];

/**
 * A feature's name is `<kind>:<subject>` (or a bare kind), stable across trainings, so the UI can word
 * it ("source:referral" → "Quelle: Empfehlung") and a stored model names what each weight belongs to.
 */
export type WinFeatureName =
  | `source:${LeadSource}`
  | `bant:${BantCriterion}`
  | `reached:${"mql" | "sal" | "sql"}`
  | `days:${"mal_mql" | "mql_sal" | "sal_sql"}`
  | "activities"
  | "response_hours"
  | `field:${WinModelField}`;

export function winFeatureNames(fields: readonly WinModelField[]): WinFeatureName[] {
  return [
    ...LEAD_SOURCES.map((s) => `source:${s}` as const),
    ...BANT_CRITERIA.map((c) => `bant:${c}` as const),
    "reached:mql",
    "reached:sal",
    "reached:sql",
    "days:mal_mql",
    "days:mql_sal",
    "days:sal_sql",
    "activities",
    "response_hours",
    ...fields.map((f) => `field:${f}` as const),
  ];
}

/** Features read on a log scale (counts and durations); their values are shown back as plain numbers. */
export const isLogScaled = (name: WinFeatureName) =>
  name.startsWith("days:") || name === "activities" || name === "response_hours";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days from one stage to the next on a log scale (a week and a month differ more than 100 and 130 days); unknown when either is missing. */
function logDays(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  return Math.log1p(Math.max(0, to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * One value per feature, in the order of `names`; null where the lead does not tell (no first
 * activity, a stage not reached): the model reads an unknown as the average lead, so it neither
 * raises nor lowers the probability.
 */
export function winFeatureValues(
  input: WinFeatureInput,
  names: readonly WinFeatureName[],
): (number | null)[] {
  const flag = (on: boolean) => (on ? 1 : 0);
  return names.map((name): number | null => {
    const [kind, subject] = name.split(":") as [string, string | undefined];
    switch (kind) {
      case "source":
        return flag(input.source === subject);
      case "bant":
        return flag(input.bantMet[subject as BantCriterion]);
      case "reached":
        return flag(
          (subject === "mql" ? input.mqlAt : subject === "sal" ? input.salAt : input.sqlAt) !== null,
        );
      case "days":
        if (subject === "mal_mql") return logDays(input.malAt ?? input.createdAt, input.mqlAt);
        if (subject === "mql_sal") return logDays(input.mqlAt, input.salAt);
        return logDays(input.salAt, input.sqlAt);
      case "activities":
        return Math.log1p(input.activityCount);
      case "response_hours":
        return input.firstActivityAt
          ? Math.log1p(Math.max(0, input.firstActivityAt.getTime() - input.createdAt.getTime()) / HOUR_MS)
          : null;
      case "field":
        return flag(input.present[subject as WinModelField] === true);
      default:
        return null;
    }
  });
}
