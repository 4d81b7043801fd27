export const DAY_MS = 86_400_000;

/** Whole days from `since` to `now` (0 on the first day). */
export function daysSince(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

/**
 * A card rots when an open deal had no activity for longer than its stage's rotting days. Entering
 * the stage counts as activity (a deal that just moved is fresh); stages without rotting days never rot.
 */
export function isRotting(deal: {
  status: string;
  rottingDays: number | null;
  stageEnteredAt: Date;
  lastActivityAt: Date | null;
  now: Date;
}): boolean {
  if (deal.status !== "open" || deal.rottingDays === null) return false;
  const last =
    deal.lastActivityAt && deal.lastActivityAt > deal.stageEnteredAt
      ? deal.lastActivityAt
      : deal.stageEnteredAt;
  return deal.now.getTime() - last.getTime() > deal.rottingDays * DAY_MS;
}
