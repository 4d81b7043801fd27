/** BANT qualification: budget, authority, need, timeline; each unknown / not met / met with its detail. */
export const BANT_STATES = ["unknown", "not_met", "met"] as const;
export type BantState = (typeof BANT_STATES)[number];
export const BANT_CRITERIA = ["budget", "authority", "need", "timeline"] as const;
export type BantCriterion = (typeof BANT_CRITERIA)[number];

export interface Bant {
  budget: { state: BantState; amount?: string | null | undefined; currency?: string | null | undefined };
  authority: { state: BantState; detail?: string | null | undefined };
  need: { state: BantState; detail?: string | null | undefined };
  timeline: { state: BantState; date?: string | null | undefined };
}

export const EMPTY_BANT: Bant = {
  budget: { state: "unknown" },
  authority: { state: "unknown" },
  need: { state: "unknown" },
  timeline: { state: "unknown" },
};

export const isBantQualified = (bant: Bant) => BANT_CRITERIA.every((c) => bant[c].state === "met");
export const bantMetCount = (bant: Bant) => BANT_CRITERIA.filter((c) => bant[c].state === "met").length;
