import { buildApp } from "@server/app";
import { buildTestApp, type Client, type TestApp, testConfig } from "@test/app";
import { buildDeal, buildPipeline } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { listenOnce, openEventStream } from "@test/sse-client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dealChanged } from "./live-message";
import { LIVE_CHANNEL } from "./postgres-live-bus";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("GET /api/v1/events", () => {
  it("answers 401 without a login", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/events" });
    expect(res.statusCode).toBe(401);
  });

  it("streams a published event to a user who may see the record, and not to one who may not", async () => {
    const base = await listenOnce(t.app);
    const insider = await signedIn(t, "sales");
    const outsider = await signedIn(t, "sales");
    const manager = await signedIn(t, "manager");
    const streams = await Promise.all(
      [insider, outsider, manager].map((u) => openEventStream(base, { cookie: u.client.cookieHeader() })),
    );
    try {
      expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
      const message = dealChanged({
        id: "00000000-0000-4000-8000-000000000001",
        pipelineId: "00000000-0000-4000-8000-000000000002",
        teamId: insider.user.teamId,
        ownerId: insider.user.id,
      });
      await t.app.live.publish(message);
      const isIt = (e: unknown) => (e as { id?: string }).id === message.event.id;
      expect(await streams[0]?.next(isIt)).toEqual(message.event);
      expect(await streams[2]?.next(isIt)).toEqual(message.event);
      // A later event the outsider may see proves the stream works and the first one was filtered.
      await t.app.live.publish({
        event: { type: "pipeline.changed", id: message.event.pipelineId ?? "" },
        audience: { kind: "everyone" },
      });
      await streams[1]?.next((e) => (e as { type?: string }).type === "pipeline.changed");
      expect(streams[1]?.events.some(isIt)).toBe(false);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it("accepts an API token and sends notifications only to their user", async () => {
    const base = await listenOnce(t.app);
    const { user, client } = await signedIn(t, "sales");
    const other = await signedIn(t, "sales");
    const token = (await client.post("/api/v1/tokens", { name: "live" })).json().token as string;
    const stream = await openEventStream(base, { authorization: `Bearer ${token}` });
    try {
      expect(stream.status).toBe(200);
      await t.app.live.publish({
        event: {
          type: "notification.created",
          id: "00000000-0000-4000-8000-000000000003",
          userId: other.user.id,
        },
        audience: { kind: "user", userId: other.user.id },
      });
      await t.app.live.publish({
        event: { type: "notification.created", id: "00000000-0000-4000-8000-000000000004", userId: user.id },
        audience: { kind: "user", userId: user.id },
      });
      const mine = await stream.next((e) => (e as { type?: string }).type === "notification.created");
      expect(mine).toMatchObject({ id: "00000000-0000-4000-8000-000000000004" });
      expect(stream.events).toHaveLength(1);
    } finally {
      stream.close();
    }
  });
});

describe("live events across app instances", () => {
  it("reach a stream on another instance of the same database (LISTEN/NOTIFY on PostgreSQL)", async () => {
    const other = await t.sibling();
    const base = await listenOnce(other);
    const { user, client } = await signedIn(t, "sales");
    const stranger = await signedIn(t, "sales");
    const mine = await openEventStream(base, { cookie: client.cookieHeader() });
    const theirs = await openEventStream(base, { cookie: stranger.client.cookieHeader() });
    try {
      const message = dealChanged({
        id: "00000000-0000-4000-8000-000000000005",
        pipelineId: "00000000-0000-4000-8000-000000000006",
        teamId: user.teamId,
        ownerId: user.id,
      });
      await t.app.live.publish(message);
      expect(await mine.next((e) => (e as { id?: string }).id === message.event.id)).toEqual(message.event);
      await t.app.live.publish({
        event: { type: "pipeline.changed", id: "00000000-0000-4000-8000-000000000006" },
        audience: { kind: "everyone" },
      });
      await theirs.next((e) => (e as { type?: string }).type === "pipeline.changed");
      expect(theirs.events).toHaveLength(1);
    } finally {
      mine.close();
      theirs.close();
    }
  });
});

describe("a deal moved through one instance", () => {
  it("reaches a board open on another instance within a second, and nobody who may not see the deal", async () => {
    const other = await t.sibling();
    const base = await listenOnce(other);
    const { team, user, client } = await teamWithSales(t);
    const mate = await signedIn(t, "sales", team);
    const stranger = await signedIn(t, "sales");
    const { stages } = await buildPipeline(t.database.db);
    const deal = await buildDeal(t.database.db, { team, owner: user, stage: stages[0] });
    // The watchers' sessions work on instance B like on A (shared database).
    const onB = (c: Client) => openEventStream(base, { cookie: c.cookieHeader() });
    const [mateStream, strangerStream] = await Promise.all([onB(mate.client), onB(stranger.client)]);
    try {
      const moved = await client.post(`/api/v1/deals/${deal.id}/move`, { stageId: stages[1]?.id });
      expect(moved.statusCode).toBe(200);
      const event = await mateStream.next((e) => (e as { id?: string }).id === deal.id, 1_000);
      expect(event).toEqual({ type: "deal.changed", id: deal.id, pipelineId: deal.pipelineId });
      // Something the stranger may see, published after the move, arrives; the move never did.
      await t.app.live.publish({
        event: { type: "pipeline.changed", id: deal.pipelineId, pipelineId: deal.pipelineId },
        audience: { kind: "everyone" },
      });
      await strangerStream.next((e) => (e as { type?: string }).type === "pipeline.changed");
      expect(strangerStream.events.some((e) => (e as { id?: string }).id === deal.id)).toBe(false);
    } finally {
      mateStream.close();
      strangerStream.close();
    }
  });
});

describe("the listener connection", () => {
  it("comes back after the database dropped it, and events flow again", async () => {
    const base = await listenOnce(t.app);
    const { user, client } = await signedIn(t, "sales");
    const stream = await openEventStream(base, { cookie: client.cookieHeader() });
    try {
      // On PostgreSQL this ends the LISTEN session (as a restart or failover would); PGlite has none.
      const listeners = await t.database.db
        .select({ pid: sql<number>`pid` })
        .from(sql`pg_stat_activity`)
        .where(sql`datname = current_database() and query = ${`listen ${LIVE_CHANNEL}`}`);
      for (const { pid } of listeners) await t.database.db.execute(sql`select pg_terminate_backend(${pid})`);
      if (t.database.kind === "postgres") expect(listeners.length).toBeGreaterThan(0);
      const id = "00000000-0000-4000-8000-0000000000aa";
      const arrived = stream.next((e) => (e as { id?: string }).id === id, 20_000);
      // Publish until the reconnected listener hears it (the bus retries after a short backoff).
      let received = false;
      void arrived.then(() => {
        received = true;
      });
      for (let i = 0; i < 40 && !received; i++) {
        await t.app.live.publish(dealChanged({ id, pipelineId: id, teamId: user.teamId, ownerId: user.id }));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(await arrived).toMatchObject({ id });
    } finally {
      stream.close();
    }
  });
});

describe("closing the app", () => {
  it("ends the open event streams instead of waiting on them", async () => {
    const extra = await buildApp(testConfig(), { database: t.database, logger: false });
    const base = await listenOnce(extra);
    const { client } = await signedIn(t, "sales");
    const stream = await openEventStream(base, { cookie: client.cookieHeader() });
    expect(stream.status).toBe(200);
    await extra.close();
    await expect(stream.ended).resolves.toBe(true);
  });
});
