import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarSpan, defaultDone, reminderWindow, timingProblem } from "./activity-rules";
import { ACTIVITY_TYPES } from "./activity-type";

const now = new Date("2026-11-23T10:00:00Z");
const later = new Date("2026-11-24T10:00:00Z");
const earlier = new Date("2026-11-22T10:00:00Z");

describe("defaultDone", () => {
  it("counts notes and emails as done and tasks and meetings as open", () => {
    expect(defaultDone("note", null, now)).toBe(true);
    expect(defaultDone("email", later, now)).toBe(true);
    expect(defaultDone("task", earlier, now)).toBe(false);
    expect(defaultDone("meeting", earlier, now)).toBe(false);
  });

  it("counts a logged call as done but a call planned for later as open", () => {
    expect(defaultDone("call", null, now)).toBe(true);
    expect(defaultDone("call", earlier, now)).toBe(true);
    expect(defaultDone("call", later, now)).toBe(false);
  });
});

describe("timingProblem", () => {
  it("requires a start for a meeting", () => {
    expect(timingProblem({ type: "meeting", dueAt: null, startsAt: null, endsAt: null })?.path).toBe(
      "startsAt",
    );
  });

  it("refuses an end before the start and an end without a start", () => {
    expect(timingProblem({ type: "call", dueAt: null, startsAt: now, endsAt: earlier })?.path).toBe("endsAt");
    expect(timingProblem({ type: "task", dueAt: null, startsAt: null, endsAt: now })?.path).toBe("startsAt");
  });

  it("accepts any activity whose end is not before its start", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIVITY_TYPES),
        fc.date({ noInvalidDate: true }),
        fc.nat(10_000_000),
        (type, start, minutes) => {
          const endsAt = new Date(start.getTime() + minutes * 60_000);
          return timingProblem({ type, dueAt: null, startsAt: start, endsAt }) === null;
        },
      ),
    );
  });
});

describe("calendarSpan", () => {
  it("spans a meeting from its start to its end", () => {
    expect(calendarSpan({ dueAt: null, startsAt: now, endsAt: later })).toEqual({ start: now, end: later });
  });

  it("gives a task at its due time and a meeting without end 30 minutes", () => {
    const thirty = new Date(now.getTime() + 30 * 60_000);
    expect(calendarSpan({ dueAt: now, startsAt: null, endsAt: null })).toEqual({ start: now, end: thirty });
    expect(calendarSpan({ dueAt: null, startsAt: now, endsAt: null })).toEqual({ start: now, end: thirty });
  });

  it("has no span without a time", () => {
    expect(calendarSpan({ dueAt: null, startsAt: null, endsAt: null })).toBeNull();
  });
});

describe("reminderWindow", () => {
  it("reminds tasks when due and appointments 15 minutes ahead, looking back a day", () => {
    const w = reminderWindow(now);
    expect(w.tasksUntil).toEqual(now);
    expect(w.appointmentsUntil).toEqual(new Date("2026-11-23T10:15:00Z"));
    expect(w.from).toEqual(new Date("2026-11-22T10:00:00Z"));
  });
});
