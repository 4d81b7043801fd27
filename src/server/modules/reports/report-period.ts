import type { ReportQuery } from "@shared/schemas/report";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

// dayjs's timezone plugin reads the zone rules from Intl, the same IANA data PostgreSQL uses.
dayjs.extend(utc);
dayjs.extend(timezone);

/** A report's period: days in the reader's zone and the instants they start and end at. */
export interface Period {
  from: string;
  to: string;
  timeZone: string;
  startsAt: Date;
  /** Exclusive: 00:00 of the day after `to`. */
  endsBefore: Date;
}

const DAY = "YYYY-MM-DD";

/** Today (YYYY-MM-DD) in the zone. */
export const todayIn = (timeZone: string, now = new Date()) => dayjs(now).tz(timeZone).format(DAY);

/** 00:00 of a day in the zone, as an instant (a Berlin "2026-04-01" is 2026-03-31T22:00Z). */
export const startOfDay = (day: string, timeZone: string) => dayjs.tz(day, timeZone).toDate();

export function periodOf(from: string, to: string, timeZone: string): Period {
  const next = dayjs(to).add(1, "day").format(DAY);
  return { from, to, timeZone, startsAt: startOfDay(from, timeZone), endsBefore: startOfDay(next, timeZone) };
}

/** The month around `day` (or `offset` months from it). */
export function monthOf(day: string, timeZone: string, offset = 0): Period {
  const first = dayjs(day).startOf("month").add(offset, "month");
  return periodOf(first.format(DAY), first.endOf("month").format(DAY), timeZone);
}

/** The asked period, else the last twelve months up to the end of the current one. */
export function reportPeriod(query: Pick<ReportQuery, "from" | "to" | "timeZone">, now = new Date()): Period {
  const today = dayjs(todayIn(query.timeZone, now));
  const from = query.from ?? today.startOf("month").subtract(11, "month").format(DAY);
  const to = query.to ?? (query.from ? today.format(DAY) : today.endOf("month").format(DAY));
  // Only `from` given and in the future: the period is that one day.
  const last = [from, to].sort()[1] ?? from;
  return periodOf(from, last, query.timeZone);
}

export const periodAnswer = (p: Period) => ({
  from: p.from,
  to: p.to,
  timeZone: p.timeZone,
  startsAt: p.startsAt.toISOString(),
  endsBefore: p.endsBefore.toISOString(),
});
