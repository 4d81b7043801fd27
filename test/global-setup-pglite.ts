/**
 * Vitest globalSetup of the `api-pglite` project: migrates one empty PGlite database for the whole
 * run and leaves its dump in a temp file. Each test file then starts its database from that file
 * (test/app.ts) instead of creating PGlite and applying every migration again, which took seconds per
 * file: Vitest isolates files, so a snapshot kept in a module lived for one file only.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { dumpMigratedPglite } from "./pglite-snapshot";

declare module "vitest" {
  export interface ProvidedContext {
    /** File holding the dump of a migrated, empty PGlite database (api-pglite project only). */
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const folder = mkdtempSync(path.join(tmpdir(), "leadwerk-pglite-snapshot-"));
  const file = path.join(folder, "migrated.tar");
  writeFileSync(file, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  project.provide("pgliteSnapshot", file);
  return () => rmSync(folder, { recursive: true, force: true });
}
