import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "@server/app";
import { type Database, openDatabase } from "@server/db/client";
import { auditLog, leads, users } from "@server/db/schema";
import { Client, testConfig } from "@test/app";
import { buildUser } from "@test/factories";
import { count } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDataDir, controlFile, restoreDataDir } from "./backup";

const root = mkdtempSync(path.join(tmpdir(), "leadwerk-backup-"));
const live = path.join(root, "live");
const pgliteDir = path.join(live, "pglite");
let database: Database;
let app: FastifyInstance;
let admin: Client;
let stopped = false;

async function counts(db: Database["db"]) {
  const [[l], [u], [a]] = await Promise.all([
    db.select({ n: count() }).from(leads),
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { leads: l?.n ?? 0, users: u?.n ?? 0, audit: a?.n ?? 0 };
}
const leadIds = async (db: Database["db"]) =>
  (await db.select({ id: leads.id }).from(leads)).map((r) => r.id);

/** Opens a restored folder, reads what the test compares, and closes it again. */
async function inspect(dir: string) {
  const restored = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    return { counts: await counts(restored.db), ids: new Set(await leadIds(restored.db)) };
  } finally {
    await restored.close();
  }
}

beforeAll(async () => {
  const config = testConfig({ database: { kind: "pglite", dataDir: pgliteDir } });
  database = await openDatabase(config.database);
  app = await buildApp(config, { database, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const user = await buildUser(database.db, { role: "admin" });
  admin = new Client(app);
  await admin.login(user.email, user.password);
  for (let i = 0; i < 25; i++) {
    const res = await admin.post("/api/v1/leads", { lastName: `Gesichert ${i}`, email: `b${i}@example.com` });
    expect(res.statusCode).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  if (!stopped) {
    await app?.close();
    await database?.close();
  }
  rmSync(root, { recursive: true, force: true });
});

describe("backup and restore of the embedded database", () => {
  it("backs up while the app runs and writes, and a restore into a fresh folder finds every record", async () => {
    // The running app tells the script where it is, readable by its own user only.
    expect(statSync(controlFile(pgliteDir)).mode & 0o777).toBe(0o600);
    const before = await counts(database.db);
    const idsBefore = await leadIds(database.db);
    // Writes go on during the backup: each is in the backup whole or not at all.
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) await admin.post("/api/v1/leads", { lastName: `Während ${i}` });
    })();
    const file = path.join(root, "running.tar.gz");
    expect(await backupDataDir(pgliteDir, file)).toBe("running app");
    writing = false;
    await writer;
    const after = await counts(database.db);

    const fresh = path.join(root, "fresh");
    expect(await restoreDataDir(file, fresh, path.join(fresh, "pglite"))).toBeGreaterThan(10);
    const restored = await inspect(path.join(fresh, "pglite"));
    for (const id of idsBefore) expect(restored.ids.has(id)).toBe(true);
    expect(restored.counts.users).toBe(before.users);
    expect(restored.counts.leads).toBeGreaterThanOrEqual(before.leads);
    expect(restored.counts.leads).toBeLessThanOrEqual(after.leads);
    // Every lead came with its audit entry, in the same transaction: none without the other.
    expect(restored.counts.audit - before.audit).toBe(restored.counts.leads - before.leads);
  }, 120_000);

  it("refuses a non-empty folder, and the app gives nothing without its token", async () => {
    const file = path.join(root, "running.tar.gz");
    const full = path.join(root, "full");
    writeFileSync(path.join(root, "marker"), "x");
    await expect(restoreDataDir(file, root, path.join(full, "pglite"))).rejects.toThrow(/not empty/);
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    for (const authorization of ["", "Bearer guess"]) {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/ops/backup`, { headers: { authorization } });
      expect(res.status).toBe(404);
    }
  });

  it("backs up the folder itself while the app is stopped", async () => {
    const final = await counts(database.db);
    stopped = true;
    await app.close();
    await database.close();
    expect(existsSync(controlFile(pgliteDir))).toBe(false);
    const file = path.join(root, "stopped.tar.gz");
    expect(await backupDataDir(pgliteDir, file)).toBe("folder");
    const again = path.join(root, "again");
    await restoreDataDir(file, again, path.join(again, "pglite"));
    expect((await inspect(path.join(again, "pglite"))).counts).toEqual(final);
  }, 120_000);
});
