/**
 * Quality of a win model on held-out history: the AUC (how often a won lead ranks above a lost one)
 * and a calibration table (do leads given 30 % win 30 % of the time).
 */
export interface Scored {
  probability: number;
  won: boolean;
}

/** Area under the ROC curve by the rank-sum (Mann–Whitney U) formula, ties counted half; null without both classes. */
export function aucOf(scored: readonly Scored[]): number | null {
  const positives = scored.filter((s) => s.won).length;
  const negatives = scored.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...scored].sort((a, b) => a.probability - b.probability);
  let rankSumPositives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]?.probability === sorted[i]?.probability) j++;
    // Ranks i+1 … j share their mean.
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]?.won) rankSumPositives += meanRank;
    i = j;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface CalibrationRow {
  /** 1 (lowest probabilities) to 10. */
  decile: number;
  count: number;
  /** The mean probability the model gave this tenth of the held-out leads. */
  predicted: number;
  /** The share of them that was won. */
  observed: number;
}

/**
 * The held-out leads sorted by probability and cut into ten groups of (nearly) equal size, each with
 * its mean probability and its real win rate (a Hosmer–Lemeshow table). Fewer than ten leads give fewer rows.
 */
export function calibrationTable(scored: readonly Scored[]): CalibrationRow[] {
  const sorted = [...scored].sort((a, b) => a.probability - b.probability);
  const rows: CalibrationRow[] = [];
  for (let decile = 0; decile < 10; decile++) {
    const part = sorted.slice(
      Math.floor((decile * sorted.length) / 10),
      Math.floor(((decile + 1) * sorted.length) / 10),
    );
    if (part.length === 0) continue;
    rows.push({
      decile: decile + 1,
      count: part.length,
      predicted: part.reduce((sum, s) => sum + s.probability, 0) / part.length,
      observed: part.filter((s) => s.won).length / part.length,
    });
  }
  return rows;
}
