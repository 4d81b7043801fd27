import { calendarFeeds } from "@server/db/schema";
import { hashToken } from "@server/modules/auth/secret-token";
import { buildTestApp, type TestApp } from "@test/app";
import { teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Parses with ical.js, an independent parser, and returns the events. */
function parseEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

/** Ten days ahead at a given UTC time: inside the feed's window whenever the test runs. */
const ahead = (days: number, time: string) => {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}.000Z`;
};
const MEETING_START = ahead(10, "07:30:00");
const MEETING_END = ahead(10, "09:00:00");
const TASK_DUE = ahead(11, "15:00:00");

async function setup() {
  const { user, client } = await teamWithSales(t);
  const lead = (await client.post("/api/v1/leads", { lastName: "Ical" })).json();
  const meeting = (
    await client.post("/api/v1/activities", {
      type: "meeting",
      subject: "Vertragsgespräch – Müller",
      body: "Agenda: *price*",
      startsAt: MEETING_START,
      endsAt: MEETING_END,
      leadId: lead.id,
    })
  ).json();
  const task = (
    await client.post("/api/v1/activities", {
      type: "task",
      subject: "Send offer",
      dueAt: TASK_DUE,
      leadId: lead.id,
    })
  ).json();
  return { user, client, lead, meeting, task };
}

describe("GET /api/v1/activities/{id}/ics", () => {
  it("exports a meeting as one VEVENT with summary, UTC times and a stable UID", async () => {
    const { client, meeting } = await setup();
    const res = await client.get(`/api/v1/activities/${meeting.id}/ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename=".*\.ics"/);
    const [event, ...rest] = parseEvents(res.body);
    expect(rest).toEqual([]);
    expect(event?.summary).toBe("Vertragsgespräch – Müller");
    expect(event?.description).toBe("Agenda: *price*");
    expect(event?.startDate.toJSDate().toISOString()).toBe(MEETING_START);
    expect(event?.endDate.toJSDate().toISOString()).toBe(MEETING_END);
    expect(event?.startDate.zone?.tzid).toBe("UTC");
    expect(event?.uid).toBe(`${meeting.id}@leadwerk`);

    await client.patch(`/api/v1/activities/${meeting.id}`, { subject: "Renamed" });
    const [again] = parseEvents((await client.get(`/api/v1/activities/${meeting.id}/ics`)).body);
    expect(again?.uid).toBe(event?.uid);
    expect(again?.summary).toBe("Renamed");
    expect(again?.sequence).toBeGreaterThan(event?.sequence ?? 0);
  });

  it("exports a task as a VEVENT at its due time", async () => {
    const { client, task } = await setup();
    const [event] = parseEvents((await client.get(`/api/v1/activities/${task.id}/ics`)).body);
    expect(event?.summary).toBe("Send offer");
    expect(event?.startDate.toJSDate().toISOString()).toBe(TASK_DUE);
  });

  it("is 404 for someone who cannot see the activity and 422 for one without a time", async () => {
    const { client, meeting, lead } = await setup();
    const other = await teamWithSales(t);
    expect((await other.client.get(`/api/v1/activities/${meeting.id}/ics`)).statusCode).toBe(404);
    const note = (
      await client.post("/api/v1/activities", { type: "note", subject: "n", leadId: lead.id })
    ).json();
    expect((await client.get(`/api/v1/activities/${note.id}/ics`)).statusCode).toBe(422);
  });
});

describe("calendar feed", () => {
  it("serves the user's appointments to anyone holding the token, stores only its hash, and dies when revoked", async () => {
    const { user, client, meeting, task } = await setup();
    expect((await client.get("/api/v1/calendar/feed")).json()).toEqual({ active: false, createdAt: null });
    const created = await client.post("/api/v1/calendar/feed");
    expect(created.statusCode).toBe(201);
    const { token, path } = created.json();
    expect(path).toBe(`/api/v1/calendar/${token}.ics`);
    const [stored] = await t.database.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, user.id));
    expect(stored?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // No cookie: a calendar program fetching the URL.
    const feed = await t.app.inject({ method: "GET", url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/^text\/calendar/);
    const events = parseEvents(feed.body);
    expect(events.map((e) => e.uid).sort()).toEqual([`${meeting.id}@leadwerk`, `${task.id}@leadwerk`].sort());
    expect(
      events
        .find((e) => e.uid === `${meeting.id}@leadwerk`)
        ?.startDate.toJSDate()
        .toISOString(),
    ).toBe(MEETING_START);

    const rotated = (await client.post("/api/v1/calendar/feed")).json();
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: rotated.path })).statusCode).toBe(200);

    expect((await client.delete("/api/v1/calendar/feed")).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: rotated.path })).statusCode).toBe(404);
    expect((await client.get("/api/v1/calendar/feed")).json().active).toBe(false);
  });

  it("answers 404 to a made-up token and a malformed file name", async () => {
    const guess = await t.app.inject({ method: "GET", url: `/api/v1/calendar/${"a".repeat(43)}.ics` });
    expect(guess.statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/calendar/x" })).statusCode).toBe(404);
  });
});
