/**
 * The funnel MAL → MQL → SAL → SQL → converted → won (#18). A lead counts in every step it has
 * reached, so the counts never grow down the funnel: a later stamp implies the earlier steps (a lead
 * converted straight from MAL has passed MQL, SAL and SQL on the way). A step's time is its own stamp,
 * else the earliest later one. The SQL of the reports and the lead list's `funnelStep` filter
 * (modules/leads/lead-funnel.ts) implement exactly this; the tests recount it with these functions.
 */
export const FUNNEL_STEPS = ["mal", "mql", "sal", "sql", "converted", "won"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelLead {
  createdAt: Date;
  malAt: Date | null;
  mqlAt: Date | null;
  salAt: Date | null;
  sqlAt: Date | null;
  convertedAt: Date | null;
  /** When the deal the lead was converted into was won; null when it is not won. */
  wonAt: Date | null;
}

/** When the lead reached each step (null: not reached). */
export function stepTimes(lead: FunnelLead): Record<FunnelStep, Date | null> {
  const won = lead.wonAt;
  const converted = lead.convertedAt ?? won;
  const sql = lead.sqlAt ?? converted;
  const sal = lead.salAt ?? sql;
  const mql = lead.mqlAt ?? sal;
  const mal = lead.malAt ?? lead.createdAt;
  return { mal, mql, sal, sql, converted, won };
}

const DAY_MS = 86_400_000;

/** The median of a list of numbers (mean of the middle two for an even count), null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Linear-interpolated percentile, as PostgreSQL's percentile_cont; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const lo = sorted[low] ?? 0;
  const hi = sorted[high] ?? lo;
  return lo + (hi - lo) * (at - low);
}

export interface FunnelStepFigures {
  step: FunnelStep;
  count: number;
  /** count ÷ the previous step's count (0–1), null for the first step or after an empty step. */
  rateFromPrevious: number | null;
  /** Median days from the previous step to this one over the leads that reached it. */
  medianDaysFromPrevious: number | null;
}

/** Rounds a ratio or a number of days to what an answer shows (4 decimals for rates, 1 for days). */
export const roundRate = (value: number | null) =>
  value === null ? null : Math.round(value * 10_000) / 10_000;
export const roundDays = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Turns per-step counts and medians into the answer's steps (rates from the counts). */
export function funnelFigures(
  counts: Record<FunnelStep, number>,
  medians: Record<FunnelStep, number | null>,
): FunnelStepFigures[] {
  return FUNNEL_STEPS.map((step, i) => {
    const previous = i === 0 ? null : FUNNEL_STEPS[i - 1];
    const before = previous ? counts[previous] : 0;
    return {
      step,
      count: counts[step],
      rateFromPrevious: previous && before > 0 ? roundRate(counts[step] / before) : null,
      medianDaysFromPrevious: previous ? roundDays(medians[step]) : null,
    };
  });
}

/** The funnel of a set of leads, computed one lead at a time: the definition the SQL is tested against. */
export function funnelOf(leads: readonly FunnelLead[]): FunnelStepFigures[] {
  const counts = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>;
  const gaps = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, [] as number[]])) as Record<
    FunnelStep,
    number[]
  >;
  for (const lead of leads) {
    const times = stepTimes(lead);
    FUNNEL_STEPS.forEach((step, i) => {
      const at = times[step];
      if (!at) return;
      counts[step] += 1;
      const previous = i === 0 ? null : times[FUNNEL_STEPS[i - 1] as FunnelStep];
      if (previous) gaps[step].push(Math.max(0, at.getTime() - previous.getTime()) / DAY_MS);
    });
  }
  const medians = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, median(gaps[s])])) as Record<
    FunnelStep,
    number | null
  >;
  return funnelFigures(counts, medians);
}
