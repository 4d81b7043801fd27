import { companies, contacts } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { createTestDatabase } from "@test/db";
import { buildTeam } from "@test/factories";
import { signedIn } from "@test/lead-helpers";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

type Item = { id: string; deleted?: true; mergedInto?: string };
interface Page {
  data: Item[];
  nextCursor: string;
  hasMore: boolean;
}

/** The client side of the feed: apply a page to the mirror, keep the cursor. */
async function pull(client: Client, mirror: Map<string, Item>, cursor: string, limit = 2): Promise<Page> {
  const res = await client.get(`/api/v1/contacts?updatedSince=${encodeURIComponent(cursor)}&limit=${limit}`);
  expect(res.statusCode, res.body).toBe(200);
  const page = res.json() as Page;
  for (const item of page.data) {
    if (item.deleted) mirror.delete(item.id);
    else mirror.set(item.id, item);
  }
  return page;
}

async function visibleContacts(client: Client): Promise<Map<string, Item>> {
  const res = await client.get("/api/v1/contacts?limit=200");
  return new Map((res.json().data as Item[]).map((c) => [c.id, c]));
}

describe("GET /api/v1/contacts?updatedSince= (the change feed)", () => {
  it("mirrors the contacts exactly while they are created, edited, merged and deleted during paging", async () => {
    const { client } = await signedIn(t, "admin");
    const create = async (lastName: string) =>
      (
        await client.post("/api/v1/contacts", { lastName, email: `${lastName.toLowerCase()}@example.de` })
      ).json();
    const a = await create("Albers");
    const b = await create("Brandt");
    const c = await create("Conrad");
    await create("Dietz");

    const mirror = new Map<string, Item>();
    let cursor = "2000-01-01T00:00:00Z";
    const edits: (() => Promise<unknown>)[] = [
      () => create("Ebert"),
      () => client.patch(`/api/v1/contacts/${a.id}`, { jobTitle: "Einkauf", version: a.version }),
      () => client.delete(`/api/v1/contacts/${b.id}`),
      () => client.post("/api/v1/contacts/merge", { survivorId: a.id, loserId: c.id }),
      () => create("Fuchs"),
    ];
    let mergedTombstone: Item | undefined;
    for (let round = 0; round < 50; round++) {
      const page = await pull(client, mirror, cursor);
      mergedTombstone ??= page.data.find((i) => i.id === c.id && i.deleted);
      cursor = page.nextCursor;
      const edit = edits.shift();
      if (edit) await edit();
      else if (!page.hasMore) break;
    }
    // Caught up: one more pull sees nothing new, and the mirror is the list.
    const last = await pull(client, mirror, cursor, 200);
    expect(last.hasMore).toBe(false);
    expect(mirror).toEqual(await visibleContacts(client));
    expect(mirror.has(b.id)).toBe(false);
    expect(mergedTombstone).toEqual({ id: c.id, deleted: true, mergedInto: a.id });
  });

  it("never skips a change whose transaction commits after a later one (second connection)", async () => {
    const { pool } = t.database;
    if (!pool) return; // PGlite has one connection: transactions cannot overlap there.
    const { client } = await signedIn(t, "admin");
    const start = (await pull(client, new Map(), new Date().toISOString(), 200)).nextCursor;
    const slow = await pool.connect();
    try {
      await slow.query("begin");
      // The slow transaction takes its transaction id (and its change) first…
      await slow.query(
        "insert into contacts (last_name, email) values ('Langsam', 'langsam@example.de') returning id",
      );
      // …a quick one commits after it, but first.
      const quick = (await client.post("/api/v1/contacts", { lastName: "Schnell" })).json();
      const mirror = new Map<string, Item>();
      const before = await pull(client, mirror, start, 200);
      expect(before.data).toEqual([]); // held back while an older transaction runs
      await slow.query("commit");
      const after = await pull(client, mirror, before.nextCursor, 200);
      const names = [...mirror.values()].map((i) => (i as Item & { lastName: string }).lastName);
      expect(names.sort()).toEqual(["Langsam", "Schnell"]);
      expect(mirror.has(quick.id)).toBe(true);
      expect(after.hasMore).toBe(false);
    } finally {
      slow.release();
    }
  });

  it("is not held back by a transaction in another database of the same server", async () => {
    if (!t.database.pool) return; // PGlite is one database with one connection.
    const { client } = await signedIn(t, "admin");
    const start = (await pull(client, new Map(), new Date().toISOString(), 200)).nextCursor;
    const other = await createTestDatabase();
    const neighbour = new pg.Client({ connectionString: other.url });
    await neighbour.connect();
    try {
      // Another app's long transaction, with a transaction id older than the change below.
      await neighbour.query("begin");
      await neighbour.query("select pg_current_xact_id()");
      const created = (await client.post("/api/v1/contacts", { lastName: "Nachbar" })).json();
      const mirror = new Map<string, Item>();
      await pull(client, mirror, start, 200);
      expect([...mirror.keys()]).toEqual([created.id]);
    } finally {
      await neighbour.query("rollback");
      await neighbour.end();
      await other.cleanup();
    }
  });

  it("names only records the caller could see, and a record that left their view as a tombstone", async () => {
    const team = await buildTeam(t.database.db);
    const elsewhere = await buildTeam(t.database.db);
    const { client: admin } = await signedIn(t, "admin");
    const { client: sales } = await signedIn(t, "sales", team);
    const start = (await pull(sales, new Map(), new Date().toISOString(), 200)).nextCursor;
    const ours = (await admin.post("/api/v1/contacts", { lastName: "Unser", teamId: team.id })).json();
    await admin.post("/api/v1/contacts", { lastName: "Fremd", teamId: elsewhere.id });
    const mirror = new Map<string, Item>();
    const first = await pull(sales, mirror, start, 200);
    expect([...mirror.keys()]).toEqual([ours.id]);
    await t.database.db.update(contacts).set({ teamId: elsewhere.id }).where(eq(contacts.id, ours.id));
    const second = await pull(sales, mirror, first.nextCursor, 200);
    expect(second.data).toEqual([{ id: ours.id, deleted: true }]);
    expect(mirror.size).toBe(0);
  });

  it("refuses a tampered or foreign cursor and list parameters beside updatedSince (400)", async () => {
    const { client } = await signedIn(t, "admin");
    const { nextCursor } = await pull(client, new Map(), "2000-01-01T00:00:00Z", 1);
    const tampered = `${nextCursor.slice(0, -2)}!x`;
    const forged = Buffer.from("s1.contact.99999999999999999999999.1").toString("base64url");
    for (const since of [tampered, forged, "gestern", "2026-02-30T00:00:00Z"]) {
      const res = await client.get(`/api/v1/contacts?updatedSince=${encodeURIComponent(since)}`);
      expect(res.statusCode, since).toBe(400);
      expect(res.json().errors[0].path).toBe("updatedSince");
    }
    const foreign = await client.get(`/api/v1/leads?updatedSince=${nextCursor}`);
    expect(foreign.statusCode).toBe(400);
    const mixed = await client.get(`/api/v1/contacts?updatedSince=${nextCursor}&q=Albers`);
    expect(mixed.statusCode).toBe(400);
  });

  it("serves the feed of leads, companies, deals and activities too", async () => {
    const { client } = await signedIn(t, "admin");
    const since = (await t.database.db.execute(sql`select now() - interval '1 hour' as at`)) as unknown as {
      rows: { at: Date | string }[];
    };
    const at = new Date(since.rows[0]?.at ?? 0).toISOString();
    for (const things of ["leads", "companies", "deals", "activities"]) {
      const res = await client.get(`/api/v1/${things}?updatedSince=${at}&limit=5`);
      expect(res.statusCode, things).toBe(200);
      expect(res.json()).toMatchObject({ data: expect.any(Array), nextCursor: expect.any(String) });
    }
  });

  it("hands out sync pages of up to 1,000 while list pages stay at 200", async () => {
    const { client, user } = await signedIn(t, "admin");
    const since = (await t.database.db.execute(sql`select now() as at`)) as unknown as {
      rows: { at: Date | string }[];
    };
    const at = new Date(since.rows[0]?.at ?? 0).toISOString();
    const made = await t.database.db
      .insert(companies)
      .values(Array.from({ length: 250 }, (_, i) => ({ name: `Seite ${i}`, ownerId: user.id })))
      .returning({ id: companies.id });
    const page = await client.get(`/api/v1/companies?updatedSince=${at}&limit=1000`);
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as Page;
    expect(body.hasMore).toBe(false);
    expect(new Set(body.data.map((c) => c.id))).toEqual(new Set(made.map((c) => c.id)));

    for (const things of ["leads", "contacts", "companies", "deals", "activities"]) {
      const list = await client.get(`/api/v1/${things}?limit=201`);
      expect(list.statusCode, things).toBe(400);
      expect(list.json().errors).toEqual([
        expect.objectContaining({
          path: "limit",
          code: "list_limit_too_large",
          params: { max: 200, syncMax: 1000 },
        }),
      ]);
      const tooMany = await client.get(`/api/v1/${things}?updatedSince=${at}&limit=1001`);
      expect(tooMany.statusCode, things).toBe(400);
      expect(tooMany.json().errors).toEqual([expect.objectContaining({ path: "limit" })]);
    }
    expect((await client.get("/api/v1/companies?limit=200")).statusCode).toBe(200);
  });
});
