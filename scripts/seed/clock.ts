/**
 * Time helpers of the demo data set. Every record's times are relative to the moment the script
 * started, so the demo looks fresh whenever it is seeded; random times come from the seeded faker.
 */
import { faker } from "@faker-js/faker";

export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const now = new Date();
export const ago = (days: number) => new Date(now.getTime() - days * DAY);
export const later = (days: number) => new Date(now.getTime() + days * DAY);
export const plus = (t: Date, days: number) => new Date(t.getTime() + days * DAY);
export const latest = (...times: Date[]) => new Date(Math.max(...times.map((t) => t.getTime())));
export const earliest = (...times: Date[]) => new Date(Math.min(...times.map((t) => t.getTime())));

/** A random minute between a and b (a when b is not after a). */
export function between(a: Date, b: Date): Date {
  if (b.getTime() <= a.getTime()) return a;
  return new Date(Math.floor(faker.number.int({ min: a.getTime(), max: b.getTime() }) / MINUTE) * MINUTE);
}

/** A quarter hour in office hours (07:00–16:45 UTC) on the day of `t`. */
export function officeHours(t: Date): Date {
  const d = new Date(t);
  d.setUTCHours(faker.number.int({ min: 7, max: 16 }), faker.helpers.arrayElement([0, 15, 30, 45]), 0, 0);
  return d;
}

/** `n` increasing times after `start`, each a share of the way towards `end`. */
export function stepsAfter(start: Date, end: Date, n: number): Date[] {
  const times: Date[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    t = between(t, new Date(t.getTime() + (end.getTime() - t.getTime()) * 0.6));
    times.push(t);
  }
  return times;
}

export const isoDate = (t: Date) => t.toISOString().slice(0, 10);
