/**
 * Order of the cards in a board column: fractional positions, so a move rewrites only the moved row.
 * New cards go one step after the last; a card dropped between two others gets the midpoint. When
 * the gap between neighbours gets too small for doubles to split further, the column is renumbered
 * (`renumber`) in the same transaction.
 */
export const POSITION_STEP = 1024;
/** Below this gap a midpoint is no longer safely distinct from its neighbours. */
export const MIN_GAP = 1e-6;

/** The position after the last card of a column (`last` null: the column is empty). */
export function positionAtEnd(last: number | null): number {
  return last === null ? POSITION_STEP : Math.floor(last / POSITION_STEP) * POSITION_STEP + POSITION_STEP;
}

/**
 * The position for a card placed between `before` and `after` (either may be null at the column's
 * ends), or null when the gap is too small and the column must be renumbered first.
 */
export function positionBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return POSITION_STEP;
  if (before === null && after !== null) return after - POSITION_STEP;
  if (after === null && before !== null) return positionAtEnd(before);
  if (before === null || after === null) return null;
  if (!(after - before > MIN_GAP * 2)) return null;
  const mid = before + (after - before) / 2;
  return mid > before && mid < after ? mid : null;
}

/** Evenly spaced positions for `count` cards in their current order: 1024, 2048, … */
export function renumber(count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i + 1) * POSITION_STEP);
}

/**
 * Where a card goes when dropped at 0-based `index` of a column whose other cards (the moved card
 * itself left out) have the ascending `positions`: its neighbours and the new position, null when
 * the column needs renumbering first.
 */
export function positionForIndex(positions: readonly number[], index: number): number | null {
  const at = Math.max(0, Math.min(index, positions.length));
  return positionBetween(positions[at - 1] ?? null, positions[at] ?? null);
}
