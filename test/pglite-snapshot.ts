import { PGlite } from "@electric-sql/pglite";
import { fromPglite, PGLITE_EXTENSIONS } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";

/** An in-memory PGlite with every migration applied, dumped as the tarball `loadDataDir` takes. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const template = await PGlite.create("memory://", { extensions: PGLITE_EXTENSIONS });
  await runMigrations(fromPglite(template));
  const dump = await template.dumpDataDir("none");
  await template.close();
  return dump;
}
