/**
 * `npm run backup -- FILE`: a consistent backup of the embedded database (LEADWERK_DATA_DIR) into
 * FILE, while the app runs (it takes the dump itself, asked through its control file) or while it is
 * stopped (this script opens the folder). PostgreSQL: use pg_dump (README, "Operating Leadwerk").
 */
import path from "node:path";
import { loadConfig } from "@server/config";
import { backupDataDir } from "@server/ops/backup";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- FILE   (e.g. backups/leadwerk-2026-12-07.tar.gz)");
  process.exit(2);
}
const config = loadConfig();
if (config.database.kind === "postgres") {
  console.error("DATABASE_URL is set: back PostgreSQL up with pg_dump -Fc (see README, Operating Leadwerk).");
  process.exit(2);
}
try {
  const how = await backupDataDir(config.database.dataDir, path.resolve(target));
  console.log(
    `Backup of ${config.database.dataDir} written to ${path.resolve(target)} (${how === "folder" ? "read from the folder: the app is stopped" : "taken by the running app"}).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
