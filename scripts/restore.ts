/**
 * `npm run restore -- FILE`: a backup written by `npm run backup` into an empty LEADWERK_DATA_DIR
 * (a folder with anything in it is refused). Start the app on that folder afterwards.
 */
import path from "node:path";
import { loadConfig } from "@server/config";
import { restoreDataDir } from "@server/ops/backup";

const source = process.argv[2];
if (!source) {
  console.error("Usage: LEADWERK_DATA_DIR=/empty/folder npm run restore -- FILE");
  process.exit(2);
}
const config = loadConfig();
if (config.database.kind === "postgres") {
  console.error("DATABASE_URL is set: restore PostgreSQL with pg_restore (see README, Operating Leadwerk).");
  process.exit(2);
}
const dataRoot = path.dirname(config.database.dataDir);
try {
  const migrations = await restoreDataDir(path.resolve(source), dataRoot, config.database.dataDir);
  console.log(`Restored ${path.resolve(source)} into ${dataRoot} (${migrations} migrations applied in it).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
