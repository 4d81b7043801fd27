/**
 * Pipeline health (#18 point 4): an open deal is flagged when it has no next activity (no open
 * activity linked to it), when its expected close date has passed, or when it has stayed in its
 * stage longer than 1.5 × that stage's median stay. The median comes from finished stays of the
 * stage's history; with fewer than MIN_STAYS of them there is no usual time yet and nothing is stuck.
 */
export const HEALTH_FLAGS = ["no_next_activity", "close_date_passed", "stuck"] as const;
export type HealthFlag = (typeof HEALTH_FLAGS)[number];

export const STUCK_FACTOR = 1.5;
export const MIN_STAYS = 3;

export interface HealthInput {
  status: string;
  hasOpenActivity: boolean;
  /** YYYY-MM-DD */
  expectedCloseDate: string | null;
  /** Today in the user's time zone, YYYY-MM-DD. */
  today: string;
  daysInStage: number;
  /** The stage's median stay in days; null when its history is too short. */
  medianDaysInStage: number | null;
}

export function healthFlags(deal: HealthInput): HealthFlag[] {
  if (deal.status !== "open") return [];
  const flags: HealthFlag[] = [];
  if (!deal.hasOpenActivity) flags.push("no_next_activity");
  // ISO days compare as text.
  if (deal.expectedCloseDate !== null && deal.expectedCloseDate < deal.today) flags.push("close_date_passed");
  if (deal.medianDaysInStage !== null && deal.daysInStage > STUCK_FACTOR * deal.medianDaysInStage) {
    flags.push("stuck");
  }
  return flags;
}
