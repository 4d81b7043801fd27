import { analyzeDatabase } from "@server/db/maintenance";
import type { JobDefinition } from "./job-definition";

export const ANALYZE_EVERY_MS = 86_400_000;

/**
 * PGlite runs no autovacuum daemon, so nobody refreshes the planner's statistics: daily, and after a
 * rescore rewrote many leads, this does. (PostgreSQL's autovacuum does it there; the job is PGlite's only.)
 */
export const pgliteAnalyzeJob: JobDefinition = {
  name: "pglite-analyze",
  everyMs: ANALYZE_EVERY_MS,
  async run(ctx) {
    await analyzeDatabase(ctx.db);
  },
};
