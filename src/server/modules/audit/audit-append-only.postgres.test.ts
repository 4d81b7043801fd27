import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { createDatabase, dropDatabase } from "@test/postgres-server";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { audit, redactAudit } from "./audit";

/**
 * As in production: the application's own login role (no superuser) owns the database, runs the
 * migrations and then works on it. The privileges the migration revoked must hold for that role,
 * before any trigger is asked.
 */
const serverUrl = inject("postgresUrl");
const suffix = randomBytes(4).toString("hex");
const name = `test_audit_${suffix}`;
const role = `leadwerk_app_${suffix}`;
let database: Database;

async function asSuperuser(statement: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await asSuperuser(`create role ${role} login password 'app-password'`);
  const url = new URL(await createDatabase(serverUrl, name));
  await asSuperuser(`alter database ${name} owner to ${role}`);
  url.username = role;
  url.password = "app-password";
  database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
  await runMigrations(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
  await dropDatabase(serverUrl, name);
  await asSuperuser(`drop role if exists ${role}`);
});

const failure = async (statement: ReturnType<typeof sql>) => {
  const error: unknown = await database.db.execute(statement).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return String((error as Error).cause ?? error);
};

describe("audit_log for the application's own role on PostgreSQL", () => {
  it("has no right to UPDATE, DELETE or TRUNCATE it, and may change `changes` only through audit_redact", async () => {
    const id = "0b6e5c3e-1111-4222-8333-444455556666";
    await audit(
      database.db,
      { actor: null },
      "lead.updated",
      { id },
      { email: { from: "a@x.de", to: "b@x.de" } },
    );
    expect(await failure(sql`update audit_log set action = 'lead.viewed'`)).toMatch(/permission denied/);
    expect(await failure(sql`delete from audit_log`)).toMatch(/permission denied/);
    expect(await failure(sql`truncate audit_log`)).toMatch(/permission denied/);
    // The one column it may write is guarded by the trigger.
    expect(await failure(sql`update audit_log set changes = '{}'::jsonb`)).toMatch(/append-only/);
    expect(await database.db.transaction((tx) => redactAudit(tx, "lead", id, ["email"]))).toBe(1);
    const rows = (await database.db.execute(
      sql`select changes from audit_log where entity_id = ${id}`,
    )) as unknown as {
      rows: { changes: unknown }[];
    };
    expect(rows.rows[0]?.changes).toEqual({ email: { from: "[erased]", to: "[erased]" } });
  });
});
