import { FUNNEL_STEPS, type FunnelStep } from "@domain/reports/funnel";
import { type Actor, visibleKeptWhere } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { leadFunnelDays, leadFunnelTeamDays } from "@server/db/schema";
import { and, gte, lt, notInArray, type SQL, sql } from "drizzle-orm";
import { periodOrAttributeKey } from "./report.repository";

/*
 * The funnel's counts from lead_funnel_days (schema/funnel.ts, kept by triggers): one row per UTC day
 * of creation, team, owner and source. A report period in the reader's zone rarely starts at UTC
 * midnight, so the days are split (splitPeriod): whole UTC days inside the period come from the
 * aggregate, the UTC days that hold a boundary (the period's ends, and for a cohort table by month
 * each month's start in the zone) are counted exactly from the leads — a day's leads each, a small
 * index range. The two parts add up to exactly the leads the per-lead query would count.
 */

const DAY_MS = 86_400_000;
const dayOf = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
const iso = (at: Date) => at.toISOString().slice(0, 10);

export interface PeriodSplit {
  /** Whole UTC days [from, to) for the aggregate, without `exactDays`; null when there are none. */
  days: { from: string; to: string; except: string[] } | null;
  /** Instants [startsAt, endsBefore) counted from the leads themselves. */
  exact: { startsAt: Date; endsBefore: Date }[];
  /**
   * Instants the aggregate counted (their day is in `days`) under their UTC day's key, though they lie
   * after the day's first boundary: counted from the leads and taken off that key again (their part
   * inside the period is in `exact`, under the lead's own key).
   */
  moved: { startsAt: Date; endsBefore: Date }[];
}

/**
 * Splits [startsAt, endsBefore) at the UTC days holding one of `boundaries` (or an end) off midnight.
 * Such a day whose first part, from midnight to its first boundary, lies in the period and is the
 * longer one (a month starting at 23:00 UTC in Berlin, the period's end there) is read from the
 * aggregate with the rest of the day moved by an exact count of that rest (an hour or two of leads);
 * any other such day is counted from the leads whole.
 */
export function splitPeriod(startsAt: Date, endsBefore: Date, boundaries: readonly Date[] = []): PeriodSplit {
  const cuts = new Map<number, number[]>();
  for (const at of [startsAt, endsBefore, ...boundaries]) {
    if (at.getTime() % DAY_MS === 0 || at < startsAt || at > endsBefore) continue;
    const day = dayOf(at).getTime();
    cuts.set(day, [...(cuts.get(day) ?? []), at.getTime()]);
  }
  const exact: PeriodSplit["exact"] = [];
  const moved: PeriodSplit["moved"] = [];
  const except: number[] = [];
  let to = dayOf(endsBefore).getTime();
  for (const [day, at] of [...cuts.entries()].sort(([a], [b]) => a - b)) {
    const first = Math.min(...at);
    if (day >= startsAt.getTime() && first - day > DAY_MS / 2) {
      // The aggregate's day, less what follows its first boundary.
      moved.push({ startsAt: new Date(first), endsBefore: new Date(day + DAY_MS) });
      const end = Math.min(day + DAY_MS, endsBefore.getTime());
      if (first < end) exact.push({ startsAt: new Date(first), endsBefore: new Date(end) });
      if (day === to) to = day + DAY_MS;
      continue;
    }
    except.push(day);
    const r = {
      startsAt: new Date(Math.max(day, startsAt.getTime())),
      endsBefore: new Date(Math.min(day + DAY_MS, endsBefore.getTime())),
    };
    if (r.startsAt < r.endsBefore) exact.push(r);
  }
  const from = Math.ceil(startsAt.getTime() / DAY_MS) * DAY_MS;
  return {
    days:
      from < to
        ? {
            from: iso(new Date(from)),
            to: iso(new Date(to)),
            except: except.filter((d) => d >= from && d < to).map((d) => iso(new Date(d))),
          }
        : null,
    exact,
    moved,
  };
}

/**
 * The permission gate on the aggregate's team and owner columns, as visibleWhere draws it on the
 * leads (visibleKeptWhere: the aggregate counts live leads only).
 */
export function aggregateGate(actor: Actor): SQL {
  return visibleKeptWhere(actor, "lead", leadFunnelDays);
}

/** The aggregate's group key, as funnelGroupKey draws it on the leads (the day's start in the zone). */
export function aggregateGroupKey(groupBy: string, timeZone: string): SQL | null {
  const local = sql`((${leadFunnelDays.day}::timestamp at time zone 'UTC') at time zone ${timeZone})`;
  return periodOrAttributeKey(groupBy, local, leadFunnelDays);
}

export interface CountRow {
  key: string | null;
  counts: Record<FunnelStep, number>;
}

/** Summed step counts of the aggregate's rows over whole days, grouped by `groupKey` (null: one row). */
export async function aggregateCounts(
  db: DbOrTx,
  o: {
    days: NonNullable<PeriodSplit["days"]>;
    where: SQL[];
    groupKey: SQL | null;
    /** The key reads the day alone (a period, or no key): sum per day first. */
    perDay: boolean;
    /** `where` and the key name no owner: read lead_funnel_team_days, the rollup over owners. */
    coarse?: boolean;
  },
): Promise<CountRow[]> {
  const key = o.groupKey ?? sql`null::text`;
  const columns = {
    mal: leadFunnelDays.mal,
    mql: leadFunnelDays.mql,
    sal: leadFunnelDays.sal,
    sql: leadFunnelDays.sql,
    converted: leadFunnelDays.converted,
    won: leadFunnelDays.won,
  } satisfies Record<FunnelStep, unknown>;
  const sums = FUNNEL_STEPS.map((s) => sql`coalesce(sum(${columns[s]}), 0)::int as ${sql.raw(`"n_${s}"`)}`);
  const where = and(
    gte(leadFunnelDays.day, o.days.from),
    lt(leadFunnelDays.day, o.days.to),
    o.days.except.length > 0 ? notInArray(leadFunnelDays.day, o.days.except) : undefined,
    ...o.where,
  );
  // A period key (the day's month, quarter or year in the zone) is drawn once per day: summed by day
  // first, the zone conversion and to_char run on ~365 rows instead of every aggregate row (a row
  // holds a handful of leads, so at 1M leads a year is ~200k rows; the key was most of the query).
  // The day sums are named as the table's columns, so `key` and `sums` read them unchanged.
  const byDay = sql.raw(
    `"day", ${["n_mal", "n_mql", "n_sal", "n_sql", "n_converted", "n_won"].map((c) => `sum("${c}")::int as "${c}"`).join(", ")}`,
  );
  // The rollup has the same columns but the owner: named as lead_funnel_days in the query, the gate,
  // the filters and the key (drawn on leadFunnelDays) read it unchanged.
  const table = o.coarse ? sql`${leadFunnelTeamDays} as ${leadFunnelDays}` : sql`${leadFunnelDays}`;
  const from = o.perDay
    ? sql`(select ${byDay} from ${table} where ${where} group by "day") as ${leadFunnelDays}`
    : sql`${table} where ${where}`;
  const result = await db.execute<Record<string, unknown>>(sql`
    select ${key} as "key", ${sql.join(sums, sql`, `)}
    from ${from}
    group by 1 having sum(${leadFunnelDays.mal}) > 0`);
  const rows = (result as { rows?: unknown }).rows;
  return (Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []).map((row) => ({
    key: row.key === null || row.key === undefined ? null : String(row.key),
    counts: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, Number(row[`n_${s}`] ?? 0)])) as Record<
      FunnelStep,
      number
    >,
  }));
}

/** Adds count rows of the same key (the aggregate's part and the exact part), sorted as the SQL sorts. */
export function mergeCounts(...parts: CountRow[][]): CountRow[] {
  const byKey = new Map<string | null, Record<FunnelStep, number>>();
  for (const row of parts.flat()) {
    const sum =
      byKey.get(row.key) ??
      (Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>);
    for (const s of FUNNEL_STEPS) sum[s] += row.counts[s];
    byKey.set(row.key, sum);
  }
  return [...byKey.entries()]
    .filter(([, counts]) => counts.mal > 0)
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([key, counts]) => ({ key, counts }));
}
