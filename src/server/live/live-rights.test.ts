import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildContact } from "@test/crm-factories/contact.factory";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { listenOnce, openEventStream, type SseClient } from "@test/sse-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dealChanged } from "./live-message";

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await buildTestApp();
  base = await listenOnce(t.app);
});
afterAll(() => t.close());

const streamOf = (client: Client) => openEventStream(base, { cookie: client.cookieHeader() });
const about = (id: string) => (e: unknown) => (e as { id?: string }).id === id;
const isType = (type: string) => (e: unknown) => (e as { type?: string }).type === type;

/** Publishes an event everyone may see and waits for it: whatever the stream was sent before has arrived. */
async function flush(streams: SseClient[]) {
  const id = crypto.randomUUID();
  await t.app.live.publish({ event: { type: "pipeline.changed", id }, audience: { kind: "everyone" } });
  for (const s of streams) await s.next(about(id));
}

describe("live activity events", () => {
  it("reach a participant from another team, who may read the activity, and not a stranger", async () => {
    const host = await teamWithSales(t);
    const guest = await teamWithSales(t);
    const stranger = await teamWithSales(t);
    const contact = await buildContact(t.database.db, { team: host.team, owner: host.user });
    const streams = await Promise.all([guest.client, stranger.client].map(streamOf));
    const [guestStream, strangerStream] = streams;
    if (!guestStream || !strangerStream) throw new Error("streams missing");
    try {
      const meeting = (
        await host.client.post("/api/v1/activities", {
          type: "meeting",
          subject: "Workshop",
          startsAt: "2030-06-01T09:00:00.000Z",
          contactId: contact.id,
          participantUserIds: [guest.user.id],
        })
      ).json();
      expect(await guestStream.next(about(meeting.id))).toEqual({ type: "activity.changed", id: meeting.id });
      // What the event names, the guest may refetch; the stranger may not, and heard nothing.
      expect((await guest.client.get(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(200);
      expect((await stranger.client.get(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(404);

      const moved = await host.client.patch(`/api/v1/activities/${meeting.id}`, {
        startsAt: "2030-06-02T09:00:00.000Z",
      });
      expect(moved.statusCode).toBe(200);
      await flush(streams);
      expect(guestStream.events.filter(about(meeting.id))).toHaveLength(2);
      expect(strangerStream.events.some(about(meeting.id))).toBe(false);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it("tell a participant who was removed, so their views drop it", async () => {
    const host = await teamWithSales(t);
    const guest = await teamWithSales(t);
    const contact = await buildContact(t.database.db, { team: host.team, owner: host.user });
    const task = (
      await host.client.post("/api/v1/activities", {
        type: "task",
        subject: "Send the offer",
        contactId: contact.id,
        participantUserIds: [guest.user.id],
      })
    ).json();
    const guestStream = await streamOf(guest.client);
    try {
      const removed = await host.client.patch(`/api/v1/activities/${task.id}`, { participantUserIds: [] });
      expect(removed.statusCode).toBe(200);
      expect(await guestStream.next(about(task.id))).toEqual({ type: "activity.changed", id: task.id });
      expect((await guest.client.get(`/api/v1/activities/${task.id}`)).statusCode).toBe(404);
    } finally {
      guestStream.close();
    }
  });

  it("tell the previous owner from another team when an admin hands the activity on", async () => {
    const admin = await signedIn(t, "admin");
    const before = await teamWithSales(t);
    const after = await teamWithSales(t);
    const contact = await buildContact(t.database.db, { team: before.team, owner: before.user });
    const task = (
      await admin.client.post("/api/v1/activities", {
        type: "task",
        subject: "Call back",
        contactId: contact.id,
        ownerId: before.user.id,
      })
    ).json();
    const stream = await streamOf(before.client);
    try {
      const handed = await admin.client.patch(`/api/v1/activities/${task.id}`, { ownerId: after.user.id });
      expect(handed.statusCode).toBe(200);
      expect(await stream.next(about(task.id))).toEqual({ type: "activity.changed", id: task.id });
      expect((await before.client.get(`/api/v1/activities/${task.id}`)).statusCode).toBe(404);
    } finally {
      stream.close();
    }
  });

  it("reach the participants of a deleted activity", async () => {
    const host = await teamWithSales(t);
    const guest = await teamWithSales(t);
    const contact = await buildContact(t.database.db, { team: host.team, owner: host.user });
    const meeting = (
      await host.client.post("/api/v1/activities", {
        type: "meeting",
        subject: "Cancelled",
        startsAt: "2030-06-03T09:00:00.000Z",
        contactId: contact.id,
        participantUserIds: [guest.user.id],
      })
    ).json();
    const guestStream = await streamOf(guest.client);
    try {
      expect((await host.client.delete(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(204);
      expect(await guestStream.next(about(meeting.id))).toEqual({ type: "activity.changed", id: meeting.id });
    } finally {
      guestStream.close();
    }
  });
});

describe("an open event stream follows its user's current rights", () => {
  it("after an admin moved the user to another team, filters by the new team at once", async () => {
    const admin = await signedIn(t, "admin");
    const oldTeam = await teamWithSales(t);
    const newTeam = await teamWithSales(t);
    const mover = await signedIn(t, "sales", oldTeam.team);
    const stream = await streamOf(mover.client);
    try {
      const moved = await admin.client.patch(`/api/v1/users/${mover.user.id}`, { teamId: newTeam.team.id });
      expect(moved.statusCode).toBe(200);
      const ids = [crypto.randomUUID(), crypto.randomUUID()];
      const [inOld, inNew] = ids;
      if (!inOld || !inNew) throw new Error("ids missing");
      const deal = (id: string, team: { id: string }, owner: { id: string }) =>
        dealChanged({ id, pipelineId: id, teamId: team.id, ownerId: owner.id });
      // Published right after the change: the stream re-reads the user before it delivers these.
      await t.app.live.publish(deal(inOld, oldTeam.team, oldTeam.user));
      await t.app.live.publish(deal(inNew, newTeam.team, newTeam.user));
      expect(await stream.next(about(inNew))).toMatchObject({ type: "deal.changed", id: inNew });
      await flush([stream]);
      expect(stream.events.some(about(inOld))).toBe(false);
      expect(await stream.next(isType("user.changed"))).toEqual({ type: "user.changed", id: mover.user.id });
    } finally {
      stream.close();
    }
  });

  it("closes at once when the user is deactivated, and the reconnect is refused", async () => {
    const admin = await signedIn(t, "admin");
    const { client, user } = await signedIn(t, "sales");
    const stream = await streamOf(client);
    expect(stream.status).toBe(200);
    const off = await admin.client.patch(`/api/v1/users/${user.id}`, { active: false });
    expect(off.statusCode).toBe(200);
    await expect(stream.ended).resolves.toBe(true);
    const again = await streamOf(client);
    expect(again.status).toBe(401);
    again.close();
  });

  it("closes when its session ended by logout, at the next check, and keeps the user's other sessions", async () => {
    const { user, client } = await signedIn(t, "sales");
    const otherDevice = await signedIn(t, "sales");
    const phone = new Client(t.app);
    await phone.login(user.email, user.password);
    const [laptopStream, phoneStream, otherStream] = await Promise.all(
      [client, phone, otherDevice.client].map(streamOf),
    );
    try {
      expect((await client.post("/api/v1/auth/logout")).statusCode).toBeLessThan(300);
      // The check that runs every few seconds, run now.
      await t.app.liveStreams.recheck();
      await expect(laptopStream?.ended).resolves.toBe(true);
      // The same user's phone and other users stay connected.
      await flush([phoneStream, otherStream].flatMap((s) => (s ? [s] : [])));
    } finally {
      for (const s of [laptopStream, phoneStream, otherStream]) s?.close();
    }
  });

  it("closes a token stream once the token is revoked", async () => {
    const { client } = await signedIn(t, "sales");
    const created = (await client.post("/api/v1/tokens", { name: "live" })).json() as {
      id: string;
      token: string;
    };
    const stream = await openEventStream(base, { authorization: `Bearer ${created.token}` });
    expect(stream.status).toBe(200);
    expect((await client.delete(`/api/v1/tokens/${created.id}`)).statusCode).toBeLessThan(300);
    await t.app.liveStreams.recheck();
    await expect(stream.ended).resolves.toBe(true);
  });
});
