import { once } from "node:events";
import { createTestDatabase, type TestDatabase } from "@test/db";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "./pg-pool";

let database: TestDatabase;
let pool: pg.Pool;
let admin: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  if (!database.url) throw new Error("this file runs in the PostgreSQL project only");
  pool = createPool(database.url, 1);
  admin = createPool(database.url, 1);
});
afterAll(async () => {
  await pool?.end();
  await admin?.end();
  await database?.cleanup();
});

describe("the pool", () => {
  it("takes back a checked-out client whose connection died, even if its holder never releases it", async () => {
    // As Drizzle's transaction() after a BEGIN on a dead connection: the client is never released.
    const held = await pool.connect();
    const [backend] = (await held.query<{ pid: number }>("select pg_backend_pid() as pid")).rows;
    const lost = once(held, "error");
    await admin.query("select pg_terminate_backend($1)", [backend?.pid]);
    await lost;
    // One connection only: without the pool taking the dead client back this waits for a free client
    // and fails after the connect timeout.
    const { rows } = await pool.query<{ one: number }>("select 1 as one");
    expect(rows).toEqual([{ one: 1 }]);
    // A late release by the holder does no harm.
    held.release();
    expect((await pool.query<{ one: number }>("select 1 as one")).rows).toEqual([{ one: 1 }]);
  });
});
