import { contacts, idempotencyKeys, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { convert, leadBody } from "@test/conversion-helpers";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneIdempotencyKeys } from "./idempotency";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

const keyed = (client: Client, url: string, payload: unknown, key: string) =>
  client.request({ method: "POST", url, payload: payload as object, headers: { "idempotency-key": key } });

const leadsNamed = async (lastName: string) =>
  (await t.database.db.select({ n: count() }).from(leads).where(eq(leads.lastName, lastName)))[0]?.n;

describe("Idempotency-Key on creating POSTs", () => {
  it("answers a retry with the first answer and creates each of the five records once", async () => {
    const { client } = await signedIn(t, "sales");
    const company = { name: "Idempotenz GmbH" };
    const creates: [string, Record<string, unknown>][] = [
      ["/api/v1/leads", leadBody({ lastName: "Wiederholt" })],
      ["/api/v1/companies", company],
      ["/api/v1/contacts", { lastName: "Nochmal" }],
      ["/api/v1/deals", { title: "Doppelt gesendet" }],
    ];
    for (const [url, body] of creates) {
      const first = await keyed(client, url, body, `k-${url}`);
      expect(first.statusCode, url).toBe(201);
      const again = await keyed(client, url, body, `k-${url}`);
      expect(again.statusCode, url).toBe(201);
      expect(again.headers["idempotent-replayed"]).toBe("true");
      expect(again.json()).toEqual(first.json());
    }
    const lead = (await keyed(client, "/api/v1/leads", creates[0]?.[1], "k-/api/v1/leads")).json();
    const activity = { type: "task", subject: "Rückruf", leadId: lead.id };
    const a1 = await keyed(client, "/api/v1/activities", activity, "task-1");
    const a2 = await keyed(client, "/api/v1/activities", activity, "task-1");
    expect([a1.statusCode, a2.statusCode]).toEqual([201, 201]);
    expect(a2.json().id).toBe(a1.json().id);
    expect(await leadsNamed("Wiederholt")).toBe(1);
    const [contactCount] = await t.database.db
      .select({ n: count() })
      .from(contacts)
      .where(eq(contacts.lastName, "Nochmal"));
    expect(contactCount?.n).toBe(1);
  });

  it("converts a lead once when the conversion is retried", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", leadBody())).json();
    const body = { contact: { create: {} }, company: null, deal: null };
    const first = await keyed(client, `/api/v1/leads/${lead.id}/convert`, body, "convert-once");
    const again = await keyed(client, `/api/v1/leads/${lead.id}/convert`, body, "convert-once");
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().contact.id).toBe(first.json().contact.id);
    // Without the key the second conversion is refused as usual.
    expect((await convert(client, lead.id, body)).statusCode).toBe(409);
  });

  it("refuses the same key with another body (422) and keeps keys apart per actor", async () => {
    const { client } = await signedIn(t, "sales");
    const { client: other } = await signedIn(t, "sales");
    expect((await keyed(client, "/api/v1/contacts", { lastName: "Erst" }, "shared")).statusCode).toBe(201);
    const changed = await keyed(client, "/api/v1/contacts", { lastName: "Anders" }, "shared");
    expect(changed.statusCode).toBe(422);
    expect(changed.json().detail).toMatch(/another body/);
    // Another user's key of the same name is their own.
    const theirs = await keyed(other, "/api/v1/contacts", { lastName: "Anders" }, "shared");
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("frees the key when the first request was refused, and refuses a malformed key", async () => {
    const { client } = await signedIn(t, "sales");
    const refused = await keyed(client, "/api/v1/contacts", { lastName: "" }, "retry-after-fix");
    expect(refused.statusCode).toBe(400);
    const fixed = await keyed(client, "/api/v1/contacts", { lastName: "Korrigiert" }, "retry-after-fix");
    expect(fixed.statusCode).toBe(201);
    const bad = await keyed(client, "/api/v1/contacts", { lastName: "X" }, "ä".repeat(3));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: "Idempotency-Key" })]);
  });

  it("creates one record for a concurrent double POST", async () => {
    const { client } = await signedIn(t, "sales");
    const body = leadBody({ lastName: "Gleichzeitig" });
    const answers = await Promise.all([
      keyed(client, "/api/v1/leads", body, "race"),
      keyed(client, "/api/v1/leads", body, "race"),
      keyed(client, "/api/v1/leads", body, "race"),
    ]);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses).toContain(201);
    for (const s of statuses) expect([201, 409]).toContain(s);
    const ids = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(await leadsNamed("Gleichzeitig")).toBe(1);
  });

  it("forgets keys after 24 hours (the prune job)", async () => {
    const { client } = await signedIn(t, "sales");
    const first = await keyed(client, "/api/v1/contacts", { lastName: "Gestern" }, "old-key");
    await t.database.db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(idempotencyKeys.responseBody, first.body));
    expect(await pruneIdempotencyKeys(t.database.db)).toBeGreaterThanOrEqual(1);
    const later = await keyed(client, "/api/v1/contacts", { lastName: "Gestern" }, "old-key");
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(first.json().id);
  });
});
