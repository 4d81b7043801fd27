import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "@server/db/client";
import { DataDirInUseError, lockDataDir } from "@server/db/data-dir-lock";
import { sendProblem } from "@server/plugins/error-handler";
import { message } from "@shared/message-codes";
import type { FastifyInstance, FastifyReply } from "fastify";

/**
 * Backup of the embedded database (issue #21 point 6).
 *
 * PGlite is PostgreSQL inside one process, and its files may only be read by that process while it
 * runs: a copy of the folder taken from outside can catch a page half written. So a backup is taken
 * by whoever holds the folder:
 *
 * - **The app runs:** it wrote `<data>/pglite.control.json` (mode 0600: its local address and a
 *   random token, new at every start). `npm run backup` reads it and fetches
 *   `GET /api/v1/ops/backup` from the loopback address with the token; the app runs `CHECKPOINT`
 *   and PGlite's `dumpDataDir`, which holds PGlite's query lock while it packs the folder, so no
 *   statement runs during the copy. The archive is the state between two statements: every
 *   committed transaction is in it, and a transaction still open is rolled back on restore, as after
 *   a power cut. Only someone who can read the data folder can ask, and only from this machine.
 * - **The app is stopped:** the script takes the folder's lock itself (an app started meanwhile
 *   waits for nothing and refuses to start), opens it and dumps it the same way.
 *
 * The archive is PGlite's own format (a gzipped tar of the data folder), restored by
 * `restoreDataDir` into an empty folder. For PostgreSQL use pg_dump/pg_restore (README).
 */

/** The file beside the data folder where the running app tells the backup script how to reach it. */
export const controlFile = (pgliteDir: string) => `${path.resolve(pgliteDir)}.control.json`;

interface Control {
  url: string;
  token: string;
  pid: number;
}

/** The running app's side: the control file and the loopback-only route that streams the dump. */
export function registerBackupEndpoint(app: FastifyInstance): void {
  const { database, config } = app;
  const pglite = database.pglite;
  const dataDir = config.database.kind === "pglite" ? config.database.dataDir : null;
  if (!pglite || !dataDir || dataDir === "memory://") return;
  const token = randomBytes(32).toString("base64url");
  const file = controlFile(dataDir);
  const unknown = (reply: FastifyReply) =>
    sendProblem(
      reply,
      "not_found",
      message("route_not_found", { method: "GET", path: "/api/v1/ops/backup" }),
    );

  app.get(
    "/api/v1/ops/backup",
    { config: { public: true, ownBearer: true }, schema: { hide: true } },
    async (request, reply) => {
      const given = Buffer.from(request.headers.authorization ?? "");
      const expected = Buffer.from(`Bearer ${token}`);
      const loopback = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(request.socket.remoteAddress ?? "");
      // Anything but the local script holding the token meets an unknown address.
      if (!loopback || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return unknown(reply);
      }
      // Written-back pages make the restore's recovery short; the dump itself is what is consistent.
      await pglite.query("CHECKPOINT");
      const dump = await pglite.dumpDataDir("gzip");
      request.log.info({ bytes: dump.size }, "backup of the embedded database taken");
      return reply
        .header("content-type", "application/gzip")
        .header("cache-control", "no-store")
        .send(Buffer.from(await dump.arrayBuffer()));
    },
  );
  app.addHook("onListen", async () => {
    const address = app.server.address();
    if (!address || typeof address === "string") return;
    const host = address.family === "IPv6" ? "[::1]" : "127.0.0.1";
    const control: Control = { url: `http://${host}:${address.port}`, token, pid: process.pid };
    await writeFile(file, JSON.stringify(control), { mode: 0o600 });
  });
  app.addHook("onClose", async () => {
    await unlink(file).catch(() => undefined);
  });
}

/**
 * `npm run backup -- FILE`: the embedded database of `pgliteDir` into FILE (gzipped tar), from the
 * running app when one holds the folder, else straight from the folder. Written to FILE.partial
 * first, so FILE is either complete or absent. Answers how it was taken.
 */
export async function backupDataDir(pgliteDir: string, target: string): Promise<"running app" | "folder"> {
  if (!existsSync(pgliteDir)) throw new Error(`No embedded database in ${pgliteDir}.`);
  const partial = `${target}.partial`;
  let release: (() => void) | null = null;
  try {
    release = lockDataDir(pgliteDir);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
  }
  try {
    if (release) {
      const pglite = await PGlite.create(pgliteDir, { extensions: PGLITE_EXTENSIONS });
      try {
        const dump = await pglite.dumpDataDir("gzip");
        await writeFile(partial, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      } finally {
        await pglite.close();
      }
    } else {
      const control = readControl(pgliteDir);
      const response = await fetch(`${control.url}/api/v1/ops/backup`, {
        headers: { authorization: `Bearer ${control.token}` },
      });
      if (!response.ok) {
        throw new Error(`The running app (pid ${control.pid}) refused the backup: HTTP ${response.status}.`);
      }
      // The app packs the dump in memory anyway (PGlite answers it as one Blob), so the script does too.
      await writeFile(partial, Buffer.from(await response.arrayBuffer()), { mode: 0o600 });
    }
    renameSync(partial, target);
    return release ? "folder" : "running app";
  } finally {
    rmSync(partial, { force: true });
    release?.();
  }
}

function readControl(pgliteDir: string): Control {
  const file = controlFile(pgliteDir);
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as Partial<Control>;
    if (typeof value.url === "string" && typeof value.token === "string") {
      return { url: value.url, token: value.token, pid: Number(value.pid ?? 0) };
    }
  } catch {
    // reported below
  }
  throw new Error(
    `The database folder is in use, but ${file} is missing or unreadable: is the app still starting? ` +
      "Run the backup as the user the app runs as, once the app answers.",
  );
}

/**
 * `npm run restore -- FILE`: a backup into an empty (or not yet existing) `dataRoot`
 * (LEADWERK_DATA_DIR); refuses a folder with anything in it, so nothing is overwritten. Opens the
 * restored database once (PostgreSQL's recovery runs then) and answers its number of migrations.
 */
export async function restoreDataDir(source: string, dataRoot: string, pgliteDir: string): Promise<number> {
  if (!existsSync(source)) throw new Error(`No backup file ${source}.`);
  if (existsSync(dataRoot) && readdirSync(dataRoot).length > 0) {
    throw new Error(`${dataRoot} is not empty: restore into an empty data folder (nothing was changed).`);
  }
  mkdirSync(pgliteDir, { recursive: true });
  const release = lockDataDir(pgliteDir);
  try {
    const archive = new Blob([readFileSync(source)]);
    const pglite = await PGlite.create(pgliteDir, { loadDataDir: archive, extensions: PGLITE_EXTENSIONS });
    try {
      const result = await pglite.query<{ n: number }>(
        "select count(*)::int as n from public.__drizzle_migrations",
      );
      return result.rows[0]?.n ?? 0;
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}
