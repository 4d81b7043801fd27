/** A deal's win probability: its own override when set, else its stage's default (both 0–100). */
export function effectiveProbability(override: number | null | undefined, stageProbability: number): number {
  return override ?? stageProbability;
}
