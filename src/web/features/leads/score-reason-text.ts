import type { TFunction } from "i18next";
import {
  isBantCriterion,
  isLeadSource,
  isLifecycleStage,
  isScoreField,
  type ScoreReason,
} from "./lead-model";

/** A score reason in the user's language, from the rule's kind and subject ("Budget confirmed"). */
export function scoreReasonText(
  t: TFunction,
  reason: Pick<ScoreReason, "kind" | "subject" | "ruleId">,
): string {
  const { kind, subject } = reason;
  switch (kind) {
    case "source":
      if (isLeadSource(subject))
        return t("leads.score.reason.source", { source: t(`leads.source.${subject}`) });
      break;
    case "bant":
      if (isBantCriterion(subject)) return t(`leads.score.reason.bant.${subject}`);
      break;
    case "field_present":
      if (isScoreField(subject)) return t(`leads.score.reason.field_present.${subject}`);
      break;
    case "recent_activity":
      return t("leads.score.reason.recent_activity", { count: Number(subject) });
    case "lifecycle":
      if (isLifecycleStage(subject))
        return t("leads.score.reason.lifecycle", { stage: t(`leads.lifecycle.${subject}`) });
      break;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
  return t("leads.score.reason.unknown", { rule: reason.ruleId });
}
