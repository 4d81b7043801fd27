import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client";
import { DataDirInUseError } from "./data-dir-lock";

// This is about the embedded database's folder, whichever engine the API tests run on.
const root = mkdtempSync(path.join(tmpdir(), "leadwerk-lock-"));
const dataDir = path.join(root, "pglite");
const lockFile = `${dataDir}.lock`;
const clientModule = path.resolve(import.meta.dirname, "client.ts");
let first: Database | null = null;

beforeAll(async () => {
  first = await openDatabase({ kind: "pglite", dataDir });
});
afterAll(async () => {
  await first?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Another Node process (as a second `npm start` would be) opening the same folder; answers its output. */
async function openInAnotherProcess(): Promise<string> {
  const code = `
    const { openDatabase } = await import(${JSON.stringify(clientModule)});
    try {
      const database = await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dataDir)} });
      console.log("opened");
      await database.close();
    } catch (error) {
      console.log(error.name + ": " + error.message);
    }`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "-e", code], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
  });
  return stdout.trim();
}

describe("one process per PGlite data folder", () => {
  it("refuses a second process with a message that names the folder and the process holding it", async () => {
    const output = await openInAnotherProcess();
    expect(output).toContain("DataDirInUseError");
    expect(output).toContain(`The database folder ${dataDir} is already open in another Leadwerk process`);
    expect(output).toContain(`pid ${process.pid}`);
    // The refused process did not take the lock away from the one holding it.
    expect(existsSync(lockFile)).toBe(true);
    expect(await first?.db.execute("select 1 as one")).toBeTruthy();
  });

  it("refuses a second open from the same process as well", async () => {
    await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toThrow(DataDirInUseError);
  });

  it("frees the folder on close and takes over the lock of a process that is gone", async () => {
    await first?.close();
    first = null;
    expect(existsSync(lockFile)).toBe(false);

    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(lockFile, JSON.stringify({ pid: gone, host: hostname(), since: "2026-01-01T00:00:00Z" }));
    first = await openDatabase({ kind: "pglite", dataDir });
    expect(await openInAnotherProcess()).toContain("DataDirInUseError");
  });
});
