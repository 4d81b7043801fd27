import {
  BANT_CRITERIA,
  type Bant,
  type BantCriterion,
  type BantState,
  isBantQualified,
} from "@domain/leads/bant";
import type { LifecycleStage } from "@domain/leads/lifecycle";
import type { Language } from "@server/modules/seed/demo-data";
import { fakeAmount, fakeInterest, fakeJob, fakePerson } from "@test/factories-crm";
import { between, isoDate, now, plus } from "./clock";
import { chance } from "./random";

/** BANT fitting the stage: an SQL has all four met, earlier stages fewer, a dead reason's criterion not met. */
export function bantFor(
  stage: LifecycleStage,
  language: Language,
  estimatedValue: string | null,
  notMet: "budget" | "need" | "timeline" | undefined,
  convertedAt: Date | null,
): Bant {
  const metChance = { mal: 0.05, mql: 0.25, sal: 0.55, sql: 1 }[stage];
  const state = (criterion: BantCriterion): BantState =>
    criterion === notMet ? "not_met" : chance(metChance) ? "met" : chance(0.15) ? "not_met" : "unknown";
  const [budget, authority, need, timeline] = BANT_CRITERIA.map(state) as [
    BantState,
    BantState,
    BantState,
    BantState,
  ];
  const decider = fakePerson(language === "de" ? "DE" : "GB");
  const deciderJob = fakeJob(language, decider.female).jobTitle;
  const from = convertedAt ?? now;
  const bant: Bant = {
    budget:
      budget === "met"
        ? { state: budget, amount: estimatedValue ?? fakeAmount(5_000, 120_000), currency: "EUR" }
        : { state: budget },
    authority:
      authority === "met"
        ? {
            state: authority,
            detail: `${decider.firstName} ${decider.lastName}, ${deciderJob}`,
          }
        : { state: authority },
    need: need === "unknown" ? { state: need } : { state: need, detail: fakeInterest(language) },
    timeline:
      timeline === "met"
        ? { state: timeline, date: isoDate(between(plus(from, 14), plus(from, 150))) }
        : { state: timeline },
  };
  // Below SQL a lead is not BANT-qualified yet, or it would have been promoted.
  if (stage !== "sql" && isBantQualified(bant)) bant.timeline = { state: "unknown" };
  return bant;
}
