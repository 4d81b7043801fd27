import { calendarSpan } from "@domain/activities/activity-rules";
import ical, { ICalEventStatus } from "ical-generator";

export interface IcsActivity {
  id: string;
  version: number;
  type: string;
  subject: string;
  body: string | null;
  dueAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  done: boolean;
  updatedAt: Date;
}

/** Stable across exports and feed refreshes, so calendar programs update an event instead of duplicating it. */
export const icsUid = (activityId: string) => `${activityId}@leadwerk`;

/**
 * An iCalendar (RFC 5545) document of activities, times in UTC.
 * Every activity becomes a VEVENT, tasks included (at their due time, 30 minutes): calendar programs
 * that subscribe to feeds (Google, Outlook) show VEVENTs but ignore VTODOs, and ical-generator
 * writes events only. A done task or a meeting marked done stays in the calendar; a task's summary
 * carries a ✓ once done. Activities without a time are left out.
 */
export function buildIcs(name: string, items: IcsActivity[]): string {
  const calendar = ical({ name, prodId: { company: "Leadwerk", product: "Leadwerk CRM", language: "EN" } });
  for (const item of items) {
    const span = calendarSpan(item);
    if (!span) continue;
    calendar.createEvent({
      id: icsUid(item.id),
      sequence: item.version,
      stamp: item.updatedAt,
      start: span.start,
      end: span.end,
      summary: item.type === "task" && item.done ? `✓ ${item.subject}` : item.subject,
      description: item.body ?? null,
      status: ICalEventStatus.CONFIRMED,
      categories: [{ name: item.type }],
    });
  }
  return calendar.toString();
}
