/** The default pipeline of PRODUCT.md in the first admin's language; won and lost are outcomes, not columns. */
export interface StageTemplate {
  name: string;
  probability: number;
  rottingDays: number | null;
}

export const DEFAULT_PIPELINE_TEMPLATE: Record<"de" | "en", { name: string; stages: StageTemplate[] }> = {
  de: {
    name: "Vertrieb",
    stages: [
      { name: "Qualifiziert", probability: 10, rottingDays: 14 },
      { name: "Bedarfsanalyse", probability: 25, rottingDays: 14 },
      { name: "Angebot versendet", probability: 50, rottingDays: 10 },
      { name: "Verhandlung", probability: 75, rottingDays: 7 },
    ],
  },
  en: {
    name: "Sales",
    stages: [
      { name: "Qualified", probability: 10, rottingDays: 14 },
      { name: "Needs analysis", probability: 25, rottingDays: 14 },
      { name: "Proposal sent", probability: 50, rottingDays: 10 },
      { name: "Negotiation", probability: 75, rottingDays: 7 },
    ],
  },
};

/** Lost reasons a fresh install offers (admins edit the list). */
export const DEFAULT_LOST_REASONS: Record<"de" | "en", string[]> = {
  de: [
    "Preis zu hoch",
    "Wettbewerber hat gewonnen",
    "Projekt gestoppt",
    "Keine Entscheidung",
    "Funktionsumfang reicht nicht",
  ],
  en: ["Price too high", "Lost to a competitor", "Project cancelled", "No decision", "Missing features"],
};

/**
 * Which of a pipeline's stages a stage-list edit removes, and which of those still need a target for
 * their deals: `kept` are the ids the new list names, `removed` the others.
 */
export function plannedStageRemovals(
  existingIds: readonly string[],
  listedIds: readonly (string | undefined)[],
): { kept: Set<string>; removed: string[] } {
  const kept = new Set(listedIds.filter((id): id is string => id !== undefined));
  return { kept, removed: existingIds.filter((id) => !kept.has(id)) };
}
