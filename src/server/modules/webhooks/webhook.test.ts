import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mailOutbox, webhookDeliveries, webhookSubscriptions } from "@server/db/schema";
import { enqueueJob } from "@server/jobs/job.repository";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { convert, createLead } from "@test/conversion-helpers";
import { buildPipeline, type StageRow } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

/** A plain HTTP receiver on loopback, as a customer's endpoint would be; answers what `next` says. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
let receiver: Server;
let received: Received[] = [];
let answers: { status: number; headers?: Record<string, string> }[] = [];
let receiverUrl = "";

let t: TestApp;
let admin: Client;
let stage: StageRow;

/** The runner's next look, now: the dispatch job runs every 5 s on its own, the test does not wait for it. */
async function dispatch() {
  await enqueueJob(t.database.db, "webhook-dispatch");
  await t.app.jobs.runDue();
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers.shift() ?? { status: 204 };
      response.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  // The allow-list lets the tests reach their receiver on loopback, as an on-premises one would.
  t = await buildTestApp({ webhooks: { allowedHosts: ["127.0.0.1"] } });
  admin = (await signedIn(t, "admin")).client;
  const built = await buildPipeline(t.database.db, { isDefault: true });
  stage = built.stages[1] as StageRow;
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function subscribe(events: string[], extra: Record<string, unknown> = {}) {
  const res = await admin.post("/api/v1/webhooks", { url: receiverUrl, events, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string; version: number };
}

async function deliveries(id: string) {
  return (await admin.get(`/api/v1/webhooks/${id}/deliveries`)).json().data as {
    id: string;
    messageId: string;
    state: string;
    attempts: number;
    responseStatus: number | null;
    errorCode: string | null;
    recordId: string | null;
    eventType: string;
    replayOf: string | null;
  }[];
}

/** Retries are due at once instead of after their backoff: the test drives time, not a timer. */
async function makeRetriesDue() {
  await t.database.db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now()` })
    .where(sql`state = 'queued'`);
}

// Each test starts with no active subscription and an empty receiver.
beforeEach(() => {
  received = [];
  answers = [];
});
afterEach(async () => {
  await t.database.db.update(webhookSubscriptions).set({ active: false });
});

async function off(id: string) {
  await admin.patch(`/api/v1/webhooks/${id}`, { active: false });
}

describe("webhook subscriptions", () => {
  it("are the admins': a secret shown once, SSRF targets refused with 422 on url, and documented in OpenAPI", async () => {
    const { client: sales } = await signedIn(t, "sales");
    expect((await sales.get("/api/v1/webhooks")).statusCode).toBe(403);
    expect(
      (await sales.post("/api/v1/webhooks", { url: receiverUrl, events: ["lead.created"] })).statusCode,
    ).toBe(403);

    const created = await subscribe(["lead.created", "deal.won"], { description: "ERP" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await admin.get("/api/v1/webhooks")).json().data;
    expect(listed.find((w: { id: string }) => w.id === created.id)).toMatchObject({
      url: receiverUrl,
      events: ["lead.created", "deal.won"],
      active: true,
      description: "ERP",
    });
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const [row] = await t.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, created.id));
    expect(row?.secretSealed).not.toContain(created.secret.slice(6));

    const rotated = (await admin.post(`/api/v1/webhooks/${created.id}/rotate-secret`, {})).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);

    const refused = {
      "ftp://example.com/": "webhook_url_scheme",
      "http://user:pw@127.0.0.1/": "webhook_url_credentials",
      "http://10.1.2.3/": "webhook_url_private",
      "http://172.16.0.1/": "webhook_url_private",
      "http://192.168.1.1/": "webhook_url_private",
      "http://100.64.0.1/": "webhook_url_private",
      "http://169.254.169.254/latest/meta-data": "webhook_url_private",
      "http://127.0.0.2/": "webhook_url_private",
      "http://2130706434/": "webhook_url_private",
      "http://0x0a000001/": "webhook_url_private",
      "http://0177.0.0.2/": "webhook_url_private",
      "http://[::1]/": "webhook_url_private",
      "http://[::ffff:10.0.0.1]/": "webhook_url_private",
      "http://[fe80::1]/": "webhook_url_private",
      "http://[fd00::1]/": "webhook_url_private",
      "http://0.0.0.0/": "webhook_url_private",
      "not a url": "webhook_url_invalid",
    };
    for (const [url, code] of Object.entries(refused)) {
      const res = await admin.post("/api/v1/webhooks", { url, events: ["lead.created"] });
      expect({ url, status: res.statusCode, errors: res.json().errors }).toEqual({
        url,
        status: 422,
        errors: [expect.objectContaining({ path: "url", code })],
      });
    }
    const patched = await admin.patch(`/api/v1/webhooks/${created.id}`, { url: "http://[::ffff:7f00:2]/" });
    expect(patched.statusCode).toBe(422);
    const nul = await admin.post("/api/v1/webhooks", {
      url: `${receiverUrl}\u0000`,
      events: ["lead.created"],
    });
    expect(nul.statusCode).toBe(400);
    const noEvents = await admin.post("/api/v1/webhooks", { url: receiverUrl, events: [] });
    expect(noEvents.statusCode).toBe(400);
    expect(noEvents.json().errors[0].path).toBe("events");
    const unknownEvent = await admin.post("/api/v1/webhooks", {
      url: receiverUrl,
      events: ["lead.exploded"],
    });
    expect(unknownEvent.statusCode).toBe(400);

    const doc = (await admin.get("/api/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    const won = doc.webhooks["deal.won"].post;
    expect(won.parameters.map((p: { name: string }) => p.name)).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
    ]);
    const schema = won.requestBody.content["application/json"].schema;
    expect(schema.properties.schemaVersion.const).toBe(1);
    expect(schema.properties.data.properties).toHaveProperty("stageId");
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(["lead.created", "activity.deleted", "webhook.test"]),
    );
    await off(created.id);
    await admin.delete(`/api/v1/webhooks/${created.id}`);
    expect((await admin.get(`/api/v1/webhooks/${created.id}`)).statusCode).toBe(404);
  });
});

describe("webhook delivery", () => {
  it("signs a deal.won per Standard Webhooks and delivers it to a real receiver, once", async () => {
    const hook = await subscribe(["deal.won"]);
    const { client: sales } = await teamWithSales(t);
    received = [];
    const deal = (await sales.post("/api/v1/deals", { title: "Großauftrag", stageId: stage.id })).json();
    expect((await sales.post(`/api/v1/deals/${deal.id}/won`, { version: deal.version })).statusCode).toBe(
      200,
    );
    await dispatch();

    expect(received).toHaveLength(1);
    const [message] = received;
    if (!message) throw new Error("nothing received");
    expect(message.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // What a receiver does: the same library verifies id, timestamp and HMAC-SHA256 over the raw body.
    const verified = new Webhook(hook.secret).verify(message.body, {
      "webhook-id": String(message.headers["webhook-id"]),
      "webhook-timestamp": String(message.headers["webhook-timestamp"]),
      "webhook-signature": String(message.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({
      type: "deal.won",
      schemaVersion: 1,
      timestamp: expect.any(String),
      data: { id: deal.id, title: "Großauftrag", status: "won" },
    });
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(message.body, {
        "webhook-id": String(message.headers["webhook-id"]),
        "webhook-timestamp": String(message.headers["webhook-timestamp"]),
        "webhook-signature": String(message.headers["webhook-signature"]),
      }),
    ).toThrow();
    const [logged] = await deliveries(hook.id);
    expect(logged).toMatchObject({ state: "succeeded", attempts: 1, responseStatus: 204, recordId: deal.id });
    expect(logged?.messageId).toBe(message.headers["webhook-id"]);

    // A test event goes the same way; nothing is sent twice.
    expect((await admin.post(`/api/v1/webhooks/${hook.id}/test`, {})).statusCode).toBe(201);
    await dispatch();
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual(["deal.won", "webhook.test"]);
    await off(hook.id);
  });

  it("retries with backoff under the same webhook-id, never follows a redirect, replays, and switches off after days of failure", async () => {
    const hook = await subscribe(["lead.created"]);
    const { client: sales } = await teamWithSales(t);
    received = [];
    answers = [
      { status: 503 },
      { status: 302, headers: { location: "http://169.254.169.254/" } },
      { status: 200 },
    ];
    const lead = (await sales.post("/api/v1/leads", { lastName: "Retry" })).json();
    await dispatch();
    let [d] = await deliveries(hook.id);
    expect(d).toMatchObject({
      state: "queued",
      attempts: 1,
      responseStatus: 503,
      errorCode: "webhook_http_status",
    });
    const [row] = await t.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, d?.id ?? ""));
    // The first retry is about 5 s out (±10 % jitter), not now.
    const wait = (row?.nextAttemptAt.getTime() ?? 0) - (row?.lastAttemptAt?.getTime() ?? 0);
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThan(6_000);
    await dispatch();
    expect(received).toHaveLength(1);

    await makeRetriesDue();
    await dispatch();
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({
      state: "queued",
      attempts: 2,
      responseStatus: 302,
      errorCode: "webhook_redirect",
    });
    await makeRetriesDue();
    await dispatch();
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ state: "succeeded", attempts: 3, responseStatus: 200, recordId: lead.id });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);

    const replay = await admin.post(`/api/v1/webhooks/${hook.id}/deliveries/${d?.id}/replay`, {});
    expect(replay.statusCode).toBe(201);
    await dispatch();
    const [again] = await deliveries(hook.id);
    expect(again).toMatchObject({ state: "succeeded", replayOf: d?.id, messageId: d?.messageId });
    expect(received).toHaveLength(4);

    // Failing for more than the limit (5 days, set back in the database): switched off, admins mailed.
    await t.database.db
      .update(webhookSubscriptions)
      .set({ failingSince: sql`now() - interval '6 days'` })
      .where(eq(webhookSubscriptions.id, hook.id));
    answers = [{ status: 500 }];
    await sales.post("/api/v1/leads", { lastName: "Letzter Versuch" });
    await dispatch();
    const after = (await admin.get(`/api/v1/webhooks/${hook.id}`)).json();
    expect(after).toMatchObject({ active: false, disabledReason: "webhook_disabled_failing" });
    const mails = await t.database.db
      .select()
      .from(mailOutbox)
      .where(sql`related @> ${JSON.stringify([{ entity: "webhook", id: hook.id }])}::jsonb`);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]?.subject).toMatch(/webhook/i);
    const bell = (await admin.get("/api/v1/notifications")).json();
    expect(bell.data[0]).toMatchObject({
      kind: "notice",
      activity: null,
      readAt: null,
      notice: {
        code: "webhook_disabled_notice",
        params: { url: receiverUrl, days: 5 },
        link: "/settings/webhooks",
      },
    });
    expect(bell.unreadCount).toBeGreaterThan(0);
    // Switched off: new changes raise nothing for it.
    const count = received.length;
    await sales.post("/api/v1/leads", { lastName: "Nach dem Ausschalten" });
    await dispatch();
    expect(received).toHaveLength(count);
  });

  it("forgets finished deliveries after 30 days but keeps one still waiting to be sent", async () => {
    const hook = await subscribe(["lead.created"]);
    const { client: sales } = await teamWithSales(t);
    answers = [{ status: 204 }, { status: 503 }];
    await sales.post("/api/v1/leads", { lastName: "Alt zugestellt" });
    await dispatch();
    await sales.post("/api/v1/leads", { lastName: "Alt wartend" });
    await dispatch();
    await sales.post("/api/v1/leads", { lastName: "Neu" });
    await dispatch();
    const before = await deliveries(hook.id);
    expect(before.map((d) => d.state).sort()).toEqual(["queued", "succeeded", "succeeded"]);
    const [newest] = before;
    // Two of them are 31 days old: the delivered one goes, the waiting one stays with the newest.
    await t.database.db
      .update(webhookDeliveries)
      .set({ createdAt: sql`now() - interval '31 days'`, nextAttemptAt: sql`now() + interval '1 hour'` })
      .where(sql`subscription_id = ${hook.id} and id <> ${newest?.id ?? ""}`);
    await dispatch();
    const after = await deliveries(hook.id);
    expect(after.map((d) => [d.id === newest?.id, d.state])).toEqual([
      [true, "succeeded"],
      [false, "queued"],
    ]);
  });

  it("raises one event per change from every path that audits it: an update, a conversion, a deletion", async () => {
    const hook = await subscribe([
      "lead.updated",
      "lead.converted",
      "contact.created",
      "contact.updated",
      "contact.deleted",
      "deal.created",
    ]);
    const { user, client: sales } = await teamWithSales(t);
    const lead = await createLead(sales, { ownerId: user.id });
    const edited = await sales.patch(`/api/v1/leads/${lead.id}`, {
      version: lead.version,
      status: "in_process",
      jobTitle: "CEO",
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const converted = await convert(sales, lead.id, { contact: { create: {} }, deal: {} });
    expect(converted.statusCode).toBe(201);
    const { contact, deal } = converted.json();
    const loose = (await sales.post("/api/v1/contacts", { lastName: "Ohne Lead" })).json();
    expect((await sales.delete(`/api/v1/contacts/${loose.id}`)).statusCode).toBe(204);
    await dispatch();
    const got = received.map(
      (r) => JSON.parse(r.body) as { type: string; data: { id: string; deleted?: boolean } },
    );
    const of = (id: string) => got.filter((e) => e.data.id === id).map((e) => e.type);
    // One lead.updated for the edit (status, lifecycle and fields are three audit entries), one for the conversion.
    expect(of(lead.id)).toEqual(["lead.updated", "lead.updated", "lead.converted"]);
    expect(of(contact.id)).toEqual(["contact.created"]);
    expect(of(deal.id)).toEqual(["deal.created"]);
    // Created and deleted before the runner came by: the deletion is sent, the creation skipped as gone.
    expect(of(loose.id)).toEqual(["contact.deleted"]);
    const log = await deliveries(hook.id);
    expect(log.find((d) => d.recordId === loose.id && d.eventType === "contact.created")).toMatchObject({
      state: "skipped",
      errorCode: "webhook_record_gone",
    });
    expect(got.find((e) => e.type === "contact.deleted")?.data).toEqual({ id: loose.id, deleted: true });
  });

  it("checks the address again at delivery: a target that now leads into a private network is not contacted", async () => {
    const hook = await subscribe(["lead.created"]);
    // As if its DNS name now resolved to a private address: the stored URL is changed behind the API.
    await t.database.db
      .update(webhookSubscriptions)
      .set({ url: "http://192.168.0.10/hooks" })
      .where(eq(webhookSubscriptions.id, hook.id));
    const { client: sales } = await teamWithSales(t);
    received = [];
    await sales.post("/api/v1/leads", { lastName: "Intern" });
    await dispatch();
    const [d] = await deliveries(hook.id);
    expect(d).toMatchObject({
      state: "queued",
      attempts: 1,
      errorCode: "webhook_url_private",
      responseStatus: null,
    });
    expect(received).toHaveLength(0);
    await off(hook.id);
  });

  it("sends only what the subscription's owner may see: a salesperson's hook does not get another team's lead", async () => {
    const north = await teamWithSales(t);
    const south = await teamWithSales(t);
    const hook = await subscribe(["lead.created"], { ownerId: north.user.id });
    received = [];
    const theirs = (await south.client.post("/api/v1/leads", { lastName: "Süd" })).json();
    const ours = (await north.client.post("/api/v1/leads", { lastName: "Nord" })).json();
    await dispatch();
    expect(received.map((r) => JSON.parse(r.body).data.id)).toEqual([ours.id]);
    const log = await deliveries(hook.id);
    expect(log.find((d) => d.recordId === theirs.id)).toMatchObject({
      state: "skipped",
      errorCode: "webhook_not_visible",
    });
    expect(JSON.stringify(received)).not.toContain("Süd");

    // A retry asks the gate again: the lead moved to the other team before it, so it is not sent.
    answers = [{ status: 500 }];
    const later = (await north.client.post("/api/v1/leads", { lastName: "Nord später" })).json();
    await dispatch();
    const failed = (await deliveries(hook.id)).find((d) => d.recordId === later.id);
    expect(failed).toMatchObject({ state: "queued", responseStatus: 500 });
    await t.database.db.execute(
      sql`update leads set team_id = ${south.user.teamId}, owner_id = ${south.user.id} where id = ${later.id}`,
    );
    await makeRetriesDue();
    await dispatch();
    expect((await deliveries(hook.id)).find((d) => d.recordId === later.id)).toMatchObject({
      state: "skipped",
      errorCode: "webhook_not_visible",
      attempts: 2,
    });
    await off(hook.id);
  });
});
