import { buildTestApp, type TestApp } from "@test/app";
import { createLead } from "@test/conversion-helpers";
import { signedIn } from "@test/lead-helpers";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactAudit } from "./audit";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
let lead: { id: string; version: number };
const SEEDED = 130;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t, "admin");
  // Real entries with request ids: a lead created, then renamed.
  lead = await createLead(admin.client, { lastName: "Auditwert" });
  const patch = await admin.client.patch(
    `/api/v1/leads/${lead.id}`,
    { lastName: "Neuwert", version: lead.version },
    { "x-request-id": "req-audit-1" },
  );
  expect(patch.statusCode).toBe(200);
  // Many entries of one day, several in the same microsecond, for the keyset walk (seeded by SQL).
  await t.database.db.execute(sql`
    insert into audit_log (actor_id, action, entity_type, entity_id, changes, created_at)
    select null, 'deal.stage_changed', 'deal', gen_random_uuid(), jsonb_build_object('n', i),
           timestamptz '2026-03-01 10:00:00+00' + ((i / 3) * interval '1 minute') + interval '0.123456 second'
    from generate_series(1, ${SEEDED}) as i`);
});
afterAll(() => t.close());

type Entry = {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  recordId: string | null;
  changes: unknown;
  requestId: string | null;
};
const list = async (query: string) => {
  const res = await admin.client.get(`/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: Entry[]; nextCursor: string | null };
};

describe("GET /api/v1/audit", () => {
  it("shows who changed which field of which record in which request, filtered by user, record and action", async () => {
    const mine = await list(`actorId=${admin.user.id}&entity=lead&recordId=${lead.id}`);
    expect(mine.data.map((e) => e.action)).toEqual(["lead.updated", "lead.created"]);
    const [update] = mine.data;
    expect(update).toMatchObject({
      actorId: admin.user.id,
      actorName: admin.user.name,
      entity: "lead",
      recordId: lead.id,
      requestId: "req-audit-1",
      changes: { lastName: { from: "Auditwert", to: "Neuwert" } },
    });
    expect((await list("action=lead.updated")).data.map((e) => e.recordId)).toEqual([lead.id]);
    // The verb alone finds it on every record type; `_` is no wildcard.
    expect((await list("action=stage_changed&limit=1")).data[0]?.action).toBe("deal.stage_changed");
    expect((await list("action=stage_change")).data).toEqual([]);
    expect((await list(`entity=lead&action=updated&recordId=${lead.id}`)).data.map((e) => e.action)).toEqual([
      "lead.updated",
    ]);
    expect((await list("action=stagexchanged")).data).toEqual([]);
    expect((await list(`actorId=${admin.user.id}&entity=deal`)).data).toEqual([]);
  });

  it("walks every entry of a time range once, newest first, along its cursor", async () => {
    const range = "from=2026-03-01T00:00:00Z&to=2026-03-01T23:59:59Z";
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Entry[]; nextCursor: string | null } = await list(
        `${range}&limit=40${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(SEEDED);
    expect(new Set(seen.map((e) => e.id)).size).toBe(SEEDED);
    const keys = seen.map((e) => `${e.at}|${String(e.id).padStart(10, "0")}`);
    expect(keys).toEqual([...keys].sort().reverse());
    // A range that ends before the seeded day finds none of it.
    expect((await list("to=2026-03-01T09:59:59Z&entity=deal")).data).toEqual([]);
  });

  it("answers a tampered cursor or a crafted filter with 400 naming the field", async () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const cursor of [
      "garbage",
      b64(["2026-03-01 10:00:00+00", "1"]),
      b64(["2026-02-30 10:00:00+00", 5]),
      b64(["x\u0000", 5]),
      b64([1, 2, 3]),
      b64(["2026-03-01 10:00:00+00", 1e300]),
    ]) {
      const res = await admin.client.get(`/api/v1/audit?cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().errors[0].path).toBe("cursor");
    }
    for (const [query, field] of [
      ["from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to"],
      ["action=%25", "action"],
      ["entity=lead%00", "entity"],
      ["actorId=me", "actorId"],
    ]) {
      const res = await admin.client.get(`/api/v1/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].path).toBe(field);
    }
  });

  it("is for admins only, the export too", async () => {
    const manager = await signedIn(t, "manager");
    for (const url of ["/api/v1/audit", "/api/v1/audit/export.csv", "/api/v1/audit/export.xlsx"]) {
      expect((await manager.client.get(url)).statusCode, url).toBe(403);
    }
    const me = await manager.client.get("/api/v1/me");
    expect(me.json().abilities["audit.read"]).toBe(false);
    expect((await admin.client.get("/api/v1/me")).json().abilities["audit.read"]).toBe(true);
  });

  it("exports the filtered trail as a German CSV and as XLSX", async () => {
    const csv = await admin.client.get(`/api/v1/audit/export.csv?recordId=${lead.id}&locale=de`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("Benutzer;Aktion");
    expect(lines[1]).toContain(admin.user.name);
    expect(lines[1]).toContain(";lastName: Auditwert → Neuwert;");
    expect(lines[1]).toContain("req-audit-1");
    const xlsx = await admin.client.get(`/api/v1/audit/export.xlsx?entity=deal`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });
});

describe("append-only audit log", () => {
  /** The database's own refusal (drizzle wraps it: the trigger's message is the cause). */
  const refused = async (statement: ReturnType<typeof sql>) => {
    const error: unknown = await t.database.db.execute(statement).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).cause ?? error)).toMatch(/audit_log is append-only/);
  };
  /** Rows of a raw statement: both drivers answer `{ rows }`. */
  const rowsOf = async (statement: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows;

  it("refuses UPDATE, DELETE and TRUNCATE in the database, for every role", async () => {
    await refused(sql`update audit_log set changes = '{}'::jsonb where entity_id = ${lead.id}`);
    await refused(sql`update audit_log set actor_id = null where entity_id = ${lead.id}`);
    await refused(sql`delete from audit_log where entity_id = ${lead.id}`);
    await refused(sql`truncate audit_log`);
    // Setting the redaction flag oneself does not allow rewriting who did what.
    await refused(sql`
      update audit_log set action = 'lead.viewed'
      where entity_id = ${lead.id} and set_config('leadwerk.audit_redact', 'on', false) = 'on'`);
    await t.database.db.execute(sql`select set_config('leadwerk.audit_redact', 'off', false)`);
    expect((await list(`recordId=${lead.id}`)).data).toHaveLength(2);
  });

  it("the role that runs the app has no UPDATE, DELETE or TRUNCATE right on the table", async () => {
    const grants = await rowsOf(sql`
      select privilege_type from information_schema.role_table_grants
      where table_name = 'audit_log' and grantee = current_user`);
    const rights = grants.map((r) => String(r.privilege_type));
    expect(rights).toEqual(expect.arrayContaining(["INSERT", "SELECT"]));
    expect(rights).not.toContain("UPDATE");
    expect(rights).not.toContain("DELETE");
    expect(rights).not.toContain("TRUNCATE");
  });

  it("lets GDPR erasure overwrite a record's values through audit_redact() alone", async () => {
    const other = await createLead(admin.client, { lastName: "Bleibt" });
    const patched = await admin.client.patch(`/api/v1/leads/${other.id}`, {
      lastName: "Bleibt auch",
      version: other.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await redactAudit(t.database.db, "lead", other.id, [])).toBe(0);
    const erased = await t.database.db.transaction((tx) => redactAudit(tx, "lead", lead.id, ["lastName"]));
    // Only the update carries a last name (the created entry holds status, owner and stage).
    expect(erased).toBe(1);
    const [update, create] = (await list(`recordId=${lead.id}`)).data;
    expect(update?.changes).toEqual({ lastName: { from: "[erased]", to: "[erased]" } });
    expect(update).toMatchObject({
      action: "lead.updated",
      actorId: admin.user.id,
      requestId: "req-audit-1",
    });
    expect(create?.changes).toMatchObject({ status: { from: null, to: "new" } });
    expect(JSON.stringify((await list(`recordId=${other.id}`)).data)).toContain("Bleibt");
    // The flag ends with the function: a direct update is refused again.
    await refused(sql`update audit_log set changes = '{}'::jsonb where entity_id = ${other.id}`);
  });
});
