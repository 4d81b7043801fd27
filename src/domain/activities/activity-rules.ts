import { type Message, message } from "@shared/message-codes";
import type { ActivityType } from "./activity-type";

/**
 * Whether a new activity counts as done when the client does not say: notes and emails record
 * what happened; a call is logged (done) unless it is planned for later; tasks and meetings lie ahead.
 */
export function defaultDone(type: ActivityType, occursAt: Date | null, now: Date): boolean {
  switch (type) {
    case "note":
    case "email":
      return true;
    case "call":
      return occursAt === null || occursAt.getTime() <= now.getTime();
    case "task":
    case "meeting":
      return false;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

export interface Timing {
  type: ActivityType;
  dueAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** What is wrong with an activity's times, as a field path and message; null when nothing is. */
export function timingProblem(t: Timing): { path: string; message: Message } | null {
  if (t.type === "meeting" && !t.startsAt)
    return { path: "startsAt", message: message("meeting_needs_start") };
  if (t.endsAt && !t.startsAt) return { path: "startsAt", message: message("end_needs_start") };
  if (t.endsAt && t.startsAt && t.endsAt.getTime() < t.startsAt.getTime())
    return { path: "endsAt", message: message("ends_before_start") };
  return null;
}

/** An appointment without an end, and a task at its due time, fill this many minutes. */
export const DEFAULT_DURATION_MINUTES = 30;

/** When the activity happens: a meeting's or call's start, else a task's due time. */
export function occursAt(t: Pick<Timing, "dueAt" | "startsAt">): Date | null {
  return t.startsAt ?? t.dueAt;
}

/** The time span a calendar shows and an .ics exports; null for an activity without a time. */
export function calendarSpan(t: Omit<Timing, "type">): { start: Date; end: Date } | null {
  const start = occursAt(t);
  if (!start) return null;
  const end =
    t.startsAt && t.endsAt ? t.endsAt : new Date(start.getTime() + DEFAULT_DURATION_MINUTES * 60_000);
  return { start, end };
}

/** Meetings and calls remind this long before they start; tasks remind when they fall due. */
export const REMINDER_LEAD_MINUTES = 15;
/** Items that fell due longer ago than this (e.g. while the server was down) get no reminder any more. */
export const REMINDER_LOOKBACK_HOURS = 24;

/** The window of occursAt a reminder scan at `now` covers, per kind of activity. */
export function reminderWindow(now: Date) {
  return {
    from: new Date(now.getTime() - REMINDER_LOOKBACK_HOURS * 3_600_000),
    tasksUntil: now,
    appointmentsUntil: new Date(now.getTime() + REMINDER_LEAD_MINUTES * 60_000),
  };
}
