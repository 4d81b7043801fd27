import {
  isBantCriterion,
  isLeadSource,
  isLifecycleStage,
  isScoreField,
} from "@web/features/leads/lead-model";
import type { TFunction } from "i18next";

/**
 * A factor of the win probability in the user's language, worded from the lead's own value: a lead
 * without a confirmed budget reads "Budget not confirmed", not the feature's name.
 */
export function winFactorText(t: TFunction, factor: { feature: string; value: number | null }): string {
  const [kind, subject = ""] = factor.feature.split(":");
  const yes = factor.value === 1;
  const count = Math.round(factor.value ?? 0);
  switch (kind) {
    case "source":
      if (isLeadSource(subject)) {
        const source = t(`leads.source.${subject}`);
        return yes ? t("leads.score.reason.source", { source }) : t("winModel.factor.sourceNot", { source });
      }
      break;
    case "bant":
      if (isBantCriterion(subject))
        return yes ? t(`leads.score.reason.bant.${subject}`) : t(`winModel.factor.bantNot.${subject}`);
      break;
    case "reached":
      if (isLifecycleStage(subject)) {
        const stage = t(`leads.lifecycle.${subject}`);
        return yes
          ? t("leads.score.reason.lifecycle", { stage })
          : t("winModel.factor.stageNotReached", { stage });
      }
      break;
    case "days": {
      const [from = "", to = ""] = subject.split("_");
      if (isLifecycleStage(from) && isLifecycleStage(to))
        return t("winModel.factor.days", {
          count,
          from: t(`leads.lifecycle.${from}`),
          to: t(`leads.lifecycle.${to}`),
        });
      break;
    }
    case "activities":
      return t("winModel.factor.activities", { count });
    case "response_hours":
      return t("winModel.factor.responseHours", { count });
    case "field":
      if (isScoreField(subject))
        return yes
          ? t(`leads.score.reason.field_present.${subject}`)
          : t(`winModel.factor.fieldMissing.${subject}`);
      break;
  }
  return factor.feature;
}
