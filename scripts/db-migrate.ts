/**
 * Applies pending migrations to the configured database (DATABASE_URL or LEADWERK_DATA_DIR) and exits.
 * The server does the same on every start; this is for deploys that migrate before rolling out.
 */
import { loadConfig } from "@server/config";
import { openDatabase } from "@server/db/client";
import { MIGRATIONS_FOLDER, runMigrations } from "@server/db/migrate";

const config = loadConfig();
const database = await openDatabase(config.database);
try {
  await runMigrations(database);
  const where =
    config.database.kind === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : `PGlite in ${config.database.dataDir}`;
  console.log(`Migrations from ${MIGRATIONS_FOLDER} applied to ${where}.`);
} finally {
  await database.close();
}
