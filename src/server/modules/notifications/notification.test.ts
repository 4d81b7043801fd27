import { backgroundJobs, notifications } from "@server/db/schema";
import type { LiveMessage } from "@server/live/live-message";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { scanReminders } from "./notification.service";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000).toISOString();

describe("reminder scan", () => {
  it("reminds owner and user participants once of a due task and a meeting about to start", async () => {
    const { team, user, client } = await teamWithSales(t);
    const guest = await buildUser(t.database.db, { team });
    const lead = (await client.post("/api/v1/leads", { lastName: "Due" })).json();
    const now = new Date(Date.now() + 365 * 86_400_000);
    const post = (body: object) =>
      client.post("/api/v1/activities", { leadId: lead.id, ...body }).then((r) => r.json());
    const dueTask = await post({ type: "task", subject: "Due task", dueAt: minutes(now, -5) });
    const soonMeeting = await post({
      type: "meeting",
      subject: "Soon",
      startsAt: minutes(now, 10),
      participantUserIds: [guest.id],
    });
    const laterTask = await post({ type: "task", subject: "Later", dueAt: minutes(now, 10) });
    const doneTask = await post({ type: "task", subject: "Done", dueAt: minutes(now, -5), done: true });

    const first = await scanReminders(t.database.db, now);
    const reminded = await t.database.db.select().from(notifications);
    const pairs = reminded
      .filter((n) => [dueTask.id, soonMeeting.id, laterTask.id, doneTask.id].includes(n.activityId))
      .map((n) => `${n.userId}:${n.activityId}`)
      .sort();
    expect(pairs).toEqual(
      [`${user.id}:${dueTask.id}`, `${user.id}:${soonMeeting.id}`, `${guest.id}:${soonMeeting.id}`].sort(),
    );
    const mine = first.filter(
      (m: LiveMessage) => m.audience.kind === "user" && m.audience.userId === guest.id,
    );
    expect(mine.map((m) => m.event.type)).toEqual(["notification.created"]);

    const second = await scanReminders(t.database.db, now);
    expect(second.filter((m) => pairs.some((p) => p.endsWith(`:${m.event.id}`)))).toEqual([]);
    const after = await t.database.db.select().from(notifications).where(eq(notifications.userId, guest.id));
    expect(after).toHaveLength(1);
  });

  it("creates each reminder once when two app processes scan at the same time", async () => {
    const { client } = await teamWithSales(t);
    const lead = (await client.post("/api/v1/leads", { lastName: "Race" })).json();
    const now = new Date(Date.now() + 400 * 86_400_000);
    const task = (
      await client.post("/api/v1/activities", {
        type: "task",
        subject: "Race",
        dueAt: minutes(now, -1),
        leadId: lead.id,
      })
    ).json();
    const sibling = await t.sibling();
    const [a, b] = await Promise.all([
      scanReminders(t.database.db, now),
      scanReminders(sibling.database.db, now),
    ]);
    const rows = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.activityId, task.id));
    expect(rows).toHaveLength(1);
    expect([...a, ...b].filter((m) => m.event.id === rows[0]?.id)).toHaveLength(1);
  });
});

describe("GET /api/v1/notifications", () => {
  it("lists the caller's reminders with the unread count; read one, then all", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const lead = (await client.post("/api/v1/leads", { lastName: "Bell" })).json();
    const now = new Date(Date.now() + 500 * 86_400_000);
    for (const subject of ["One", "Two"])
      await client.post("/api/v1/activities", {
        type: "task",
        subject,
        dueAt: minutes(now, -1),
        leadId: lead.id,
      });
    await scanReminders(t.database.db, now);

    const list = (await client.get("/api/v1/notifications")).json();
    expect(list.unreadCount).toBe(2);
    expect(list.data.map((n: { activity: { subject: string } }) => n.activity.subject).sort()).toEqual([
      "One",
      "Two",
    ]);
    expect((await other.client.get("/api/v1/notifications")).json().unreadCount).toBe(0);
    const foreign = await other.client.post(`/api/v1/notifications/${list.data[0].id}/read`);
    expect(foreign.statusCode).toBe(404);

    const readOne = await client.post(`/api/v1/notifications/${list.data[0].id}/read`);
    expect(readOne.json()).toEqual({ unreadCount: 1 });
    expect((await client.post("/api/v1/notifications/read-all")).json()).toEqual({ unreadCount: 0 });
    const unread = (await client.get("/api/v1/notifications?unread=true")).json();
    expect(unread.data).toEqual([]);
  });

  it("reminds again when a task is moved to a new time", async () => {
    const { client } = await teamWithSales(t);
    const lead = (await client.post("/api/v1/leads", { lastName: "Move" })).json();
    const now = new Date(Date.now() + 600 * 86_400_000);
    const task = (
      await client.post("/api/v1/activities", {
        type: "task",
        subject: "m",
        dueAt: minutes(now, -1),
        leadId: lead.id,
      })
    ).json();
    await scanReminders(t.database.db, now);
    await client.post("/api/v1/notifications/read-all");
    await client.patch(`/api/v1/activities/${task.id}`, { dueAt: minutes(now, 60) });
    await scanReminders(t.database.db, new Date(now.getTime() + 61 * 60_000));
    expect((await client.get("/api/v1/notifications")).json().unreadCount).toBe(1);
  });
});

describe("the reminder scan job", () => {
  it("runs on the job runner every reminderScanMs, without anyone calling it", async () => {
    const quick = await buildTestApp({ reminderScanMs: 200 }, { backgroundJobs: true });
    try {
      const { user, client } = await teamWithSales(quick);
      const lead = (await client.post("/api/v1/leads", { lastName: "Ticking" })).json();
      const task = (
        await client.post("/api/v1/activities", {
          leadId: lead.id,
          type: "task",
          subject: "Fell due",
          dueAt: new Date(Date.now() - 60_000).toISOString(),
        })
      ).json();
      await vi.waitFor(
        async () => {
          const mine = await quick.database.db
            .select()
            .from(notifications)
            .where(eq(notifications.activityId, task.id));
          expect(mine.map((n) => n.userId)).toEqual([user.id]);
        },
        { timeout: 10_000, interval: 100 },
      );
      const scans = await quick.database.db
        .select()
        .from(backgroundJobs)
        .where(eq(backgroundJobs.name, "reminder-scan"));
      expect(scans.some((job) => job.state === "done")).toBe(true);
    } finally {
      await quick.close();
    }
  });
});

/** A zone where it is not yet 23:00, so "in five minutes" is still today there. */
function zoneWithTimeLeftToday(now = new Date()): string {
  const zones = ["Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
  const hourIn = (timeZone: string) =>
    Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone }).format(now));
  return zones.find((zone) => hourIn(zone) < 23) ?? "Europe/Berlin";
}

describe("the bell's due work", () => {
  it("lists the caller's overdue and due-today tasks and appointments, counts them once, and marks them seen", async () => {
    const { team, client } = await teamWithSales(t);
    const colleague = await teamWithSales(t);
    const guest = await buildUser(t.database.db, { team });
    const lead = (await client.post("/api/v1/leads", { lastName: "Fällig" })).json();
    const now = new Date();
    const timeZone = zoneWithTimeLeftToday(now);
    const zone = `timeZone=${encodeURIComponent(timeZone)}`;
    const post = (c: typeof client, body: object) =>
      c.post("/api/v1/activities", { leadId: lead.id, ...body }).then((r) => r.json());
    const overdue = await post(client, { type: "task", subject: "Overdue", dueAt: minutes(now, -3 * 1440) });
    const soon = await post(client, {
      type: "meeting",
      subject: "Soon",
      startsAt: minutes(now, 5),
      participantUserIds: [guest.id],
    });
    await post(client, { type: "task", subject: "Next week", dueAt: minutes(now, 7 * 1440) });
    await post(client, { type: "task", subject: "Done", dueAt: minutes(now, -60), done: true });
    await post(client, { type: "note", subject: "A note", body: "noted" });
    const gone = await post(client, { type: "task", subject: "Deleted", dueAt: minutes(now, -60) });
    await client.delete(`/api/v1/activities/${gone.id}`);
    const foreignLead = (await colleague.client.post("/api/v1/leads", { lastName: "Fremd" })).json();
    await colleague.client.post("/api/v1/activities", {
      type: "task",
      subject: "Not mine",
      dueAt: minutes(now, -60),
      leadId: foreignLead.id,
    });

    const bell = (await client.get(`/api/v1/notifications?${zone}`)).json();
    expect(bell.due).toEqual([
      expect.objectContaining({
        id: overdue.id,
        subject: "Overdue",
        overdue: true,
        seen: false,
        leadId: lead.id,
      }),
      expect.objectContaining({ id: soon.id, subject: "Soon", overdue: false, seen: false, leadId: lead.id }),
    ]);
    expect(bell.dueCount).toBe(2);
    expect(bell.unreadCount).toBe(2);

    // The participant sees the meeting too; the colleague of another team sees none of it.
    const guestClient = new Client(t.app);
    await guestClient.login(guest.email, guest.password);
    const guestBell = (await guestClient.get(`/api/v1/notifications?${zone}`)).json();
    expect(guestBell.due.map((d: { id: string }) => d.id)).toEqual([soon.id]);
    const colleagueBell = (await colleague.client.get(`/api/v1/notifications?${zone}`)).json();
    expect(colleagueBell.due.map((d: { subject: string }) => d.subject)).toEqual(["Not mine"]);

    // A reminder of the overdue task counts once, not twice.
    await scanReminders(t.database.db, now);
    const reminded = (await client.get(`/api/v1/notifications?${zone}`)).json();
    expect(reminded.unreadCount).toBe(2);

    // Mark all read: the work stays listed (it is still to do), seen, and leaves the badge.
    expect((await client.post(`/api/v1/notifications/read-all?${zone}`)).json()).toEqual({ unreadCount: 0 });
    const after = (await client.get(`/api/v1/notifications?${zone}`)).json();
    expect(after.unreadCount).toBe(0);
    expect(after.due.map((d: { seen: boolean }) => d.seen)).toEqual([true, true]);
    expect(after.data.map((n: { kind: string }) => n.kind)).toEqual(["due"]);

    // Moved to a new time, the task counts again; done, it leaves the list.
    await client.patch(`/api/v1/activities/${overdue.id}`, {
      dueAt: minutes(now, -1),
      version: overdue.version,
    });
    expect((await client.get(`/api/v1/notifications?${zone}`)).json().unreadCount).toBe(1);
    await client.patch(`/api/v1/activities/${overdue.id}`, { done: true, version: overdue.version + 1 });
    const done = (await client.get(`/api/v1/notifications?${zone}`)).json();
    expect(done.due.map((d: { id: string }) => d.id)).toEqual([soon.id]);
  });

  it("answers 400 naming timeZone for a zone it does not know", async () => {
    const { client } = await teamWithSales(t);
    const res = await client.get("/api/v1/notifications?timeZone=Mars%2FOlympus");
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain("timeZone");
  });
});
