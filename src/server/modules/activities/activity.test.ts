import { activities, leads } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildContact } from "@test/crm-factories/contact.factory";
import { buildDeal } from "@test/crm-factories/deal.factory";
import { buildUser } from "@test/factories";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

async function leadOf(client: Awaited<ReturnType<typeof signedIn>>["client"], body: object = {}) {
  const res = await client.post("/api/v1/leads", {
    lastName: "Kowalski",
    companyName: "Kowalski AG",
    ...body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string; ownerId: string | null };
}

describe("POST /api/v1/activities", () => {
  it("plans a meeting with times, participants and links to several records", async () => {
    const { team, user, client } = await teamWithSales(t);
    const colleague = await buildUser(t.database.db, { team });
    const contact = await buildContact(t.database.db, { team, owner: user });
    const deal = await buildDeal(t.database.db, { team, owner: user });
    const res = await client.post("/api/v1/activities", {
      type: "meeting",
      subject: "Kick-off",
      body: "**Agenda**\n- scope",
      startsAt: "2026-12-01T09:00:00.000Z",
      endsAt: "2026-12-01T10:30:00.000Z",
      contactId: contact.id,
      dealId: deal.id,
      participantUserIds: [colleague.id],
      participantContactIds: [contact.id],
    });
    expect(res.statusCode).toBe(201);
    const meeting = res.json();
    expect(meeting).toMatchObject({
      type: "meeting",
      subject: "Kick-off",
      occursAt: "2026-12-01T09:00:00.000Z",
      done: false,
      ownerId: user.id,
      ownerName: user.name,
      contactId: contact.id,
      dealId: deal.id,
    });
    expect(meeting.participants).toEqual(
      expect.arrayContaining([
        { kind: "user", id: colleague.id, name: colleague.name, visible: true },
        expect.objectContaining({ kind: "contact", id: contact.id, visible: true }),
      ]),
    );
    const again = await client.get(`/api/v1/activities/${meeting.id}`);
    expect(again.json().participants).toHaveLength(2);
  });

  it("counts a logged call as done and a call planned for later as open", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadOf(client);
    const logged = await client.post("/api/v1/activities", {
      type: "call",
      subject: "Reached",
      leadId: lead.id,
    });
    expect(logged.json().done).toBe(true);
    const planned = await client.post("/api/v1/activities", {
      type: "call",
      subject: "Call back",
      startsAt: hours(48),
      leadId: lead.id,
    });
    expect(planned.json()).toMatchObject({ done: false, doneAt: null });
  });

  it("refuses a meeting without a start and an end before the start", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadOf(client);
    const noStart = await client.post("/api/v1/activities", {
      type: "meeting",
      subject: "x",
      leadId: lead.id,
    });
    expect(noStart.statusCode).toBe(422);
    expect(noStart.json().errors[0].path).toBe("startsAt");
    const backwards = await client.post("/api/v1/activities", {
      type: "meeting",
      subject: "x",
      leadId: lead.id,
      startsAt: hours(2),
      endsAt: hours(1),
    });
    expect(backwards.statusCode).toBe(400);
  });

  it("refuses links to records the caller cannot see, and unknown participants", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const foreignLead = await leadOf(other.client);
    const res = await client.post("/api/v1/activities", {
      type: "note",
      subject: "x",
      leadId: foreignLead.id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("leadId");
    const mine = await leadOf(client);
    const ghost = await client.post("/api/v1/activities", {
      type: "task",
      subject: "x",
      leadId: mine.id,
      participantUserIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json().errors[0].path).toBe("participantUserIds.0");
  });

  it("puts an assigned lead in process with its owner's first activity", async () => {
    const { user, client } = await teamWithSales(t);
    const lead = await leadOf(client, { ownerId: user.id });
    expect(lead.status).toBe("assigned");
    await client.post("/api/v1/activities", { type: "task", subject: "Prepare offer", leadId: lead.id });
    const [row] = await t.database.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.status).toBe("in_process");
  });
});

describe("PATCH /api/v1/activities/{id}", () => {
  it("ticks a task done with the version read and refuses a stale version", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadOf(client);
    const task = (
      await client.post("/api/v1/activities", {
        type: "task",
        subject: "Send deck",
        dueAt: hours(5),
        leadId: lead.id,
      })
    ).json();
    const done = await client.patch(`/api/v1/activities/${task.id}`, { done: true, version: task.version });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ done: true, version: task.version + 1 });
    expect(done.json().doneAt).not.toBeNull();
    const stale = await client.patch(`/api/v1/activities/${task.id}`, { done: false, version: task.version });
    expect(stale.statusCode).toBe(409);
  });

  it("lets a participant from another team see and tick the activity, and nobody else", async () => {
    const { client } = await teamWithSales(t);
    const guest = await teamWithSales(t);
    const stranger = await teamWithSales(t);
    const lead = await leadOf(client);
    const meeting = (
      await client.post("/api/v1/activities", {
        type: "meeting",
        subject: "Workshop",
        startsAt: hours(24),
        leadId: lead.id,
        participantUserIds: [guest.user.id],
      })
    ).json();
    expect((await guest.client.get(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(200);
    expect((await stranger.client.get(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(404);
    const ticked = await guest.client.patch(`/api/v1/activities/${meeting.id}`, { done: true });
    expect(ticked.statusCode).toBe(200);
    const strangerTick = await stranger.client.patch(`/api/v1/activities/${meeting.id}`, { done: true });
    expect(strangerTick.statusCode).toBe(404);
  });

  it("keeps occursAt in step with a moved meeting", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadOf(client);
    const meeting = (
      await client.post("/api/v1/activities", {
        type: "meeting",
        subject: "m",
        startsAt: hours(3),
        leadId: lead.id,
      })
    ).json();
    const moved = await client.patch(`/api/v1/activities/${meeting.id}`, {
      startsAt: "2027-01-05T08:00:00.000Z",
    });
    expect(moved.json().occursAt).toBe("2027-01-05T08:00:00.000Z");
    const [row] = await t.database.db.select().from(activities).where(eq(activities.id, meeting.id));
    expect(row?.occursAt?.toISOString()).toBe("2027-01-05T08:00:00.000Z");
  });
});

describe("GET /api/v1/activities", () => {
  it("lists mine (owned or taking part) by time within a range, open only, of chosen types", async () => {
    const { team, user, client } = await teamWithSales(t);
    const colleague = await signedIn(t, "sales", team);
    const lead = await leadOf(client);
    const create = (body: object) =>
      colleague.client.post("/api/v1/activities", { leadId: lead.id, ...body }).then((r) => r.json());
    const own = (body: object) =>
      client.post("/api/v1/activities", { leadId: lead.id, ...body }).then((r) => r.json());
    const base = Date.parse("2030-03-10T00:00:00Z");
    const at = (h: number) => new Date(base + h * 3_600_000).toISOString();
    const taskLate = await own({ type: "task", subject: "late", dueAt: at(20) });
    const taskEarly = await own({ type: "task", subject: "early", dueAt: at(2) });
    const meetingAsGuest = await create({
      type: "meeting",
      subject: "guest",
      startsAt: at(10),
      participantUserIds: [user.id],
    });
    await create({ type: "meeting", subject: "not mine", startsAt: at(11) });
    await own({ type: "task", subject: "done", dueAt: at(5), done: true });
    await own({ type: "task", subject: "outside", dueAt: at(30) });
    await own({ type: "note", subject: "note in range" });

    const res = await client.get(
      `/api/v1/activities?mine=true&done=false&type=task,meeting&sort=occursAt&from=${at(0)}&to=${at(24)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((a: { id: string }) => a.id)).toEqual([
      taskEarly.id,
      meetingAsGuest.id,
      taskLate.id,
    ]);
  });

  it("pages by time with a cursor that belongs to its sort", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadOf(client);
    for (const h of [1, 2, 3]) {
      await client.post("/api/v1/activities", {
        type: "task",
        subject: `t${h}`,
        dueAt: new Date(Date.parse("2031-01-01T00:00:00Z") + h * 3_600_000).toISOString(),
        leadId: lead.id,
      });
    }
    const first = (await client.get(`/api/v1/activities?leadId=${lead.id}&sort=occursAt&limit=2`)).json();
    expect(first.data.map((a: { subject: string }) => a.subject)).toEqual(["t1", "t2"]);
    const second = (
      await client.get(
        `/api/v1/activities?leadId=${lead.id}&sort=occursAt&limit=2&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(second.data.map((a: { subject: string }) => a.subject)).toEqual(["t3"]);
    const wrongSort = await client.get(
      `/api/v1/activities?leadId=${lead.id}&limit=2&cursor=${first.nextCursor}`,
    );
    expect(wrongSort.statusCode).toBe(400);
  });

  it("never lists another team's activities to sales, but lists them to a manager", async () => {
    const { client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const lead = await leadOf(other.client);
    const note = (
      await other.client.post("/api/v1/activities", { type: "note", subject: "secret", leadId: lead.id })
    ).json();
    const ids = (await client.get("/api/v1/activities?limit=200"))
      .json()
      .data.map((a: { id: string }) => a.id);
    expect(ids).not.toContain(note.id);
    const manager = await signedIn(t, "manager");
    const seen = (await manager.client.get(`/api/v1/activities?leadId=${lead.id}`)).json();
    expect(seen.data.map((a: { id: string }) => a.id)).toContain(note.id);
  });
});

describe("DELETE /api/v1/activities/{id}", () => {
  it("removes the activity from lists and gets", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadOf(client);
    const note = (
      await client.post("/api/v1/activities", { type: "note", subject: "gone", leadId: lead.id })
    ).json();
    expect((await client.delete(`/api/v1/activities/${note.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/activities/${note.id}`)).statusCode).toBe(404);
  });
});
