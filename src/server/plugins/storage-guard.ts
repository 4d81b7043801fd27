import { unavailable } from "@server/errors";
import type { FastifyInstance } from "fastify";

/** Methods that read only: they still answer on a full disk (a salesperson can look things up). */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses writes with 503 `storage_full` (Retry-After) while the embedded database's folder has less
 * free space than its reserve (`db/storage.ts`), before PGlite meets a full WAL and aborts. PGlite on
 * disk only: PostgreSQL watches its own disk and answers a full one with an error of its own.
 */
export function registerStorageGuard(app: FastifyInstance): void {
  const storage = app.database.storage;
  if (!storage) return;
  app.addHook("onRequest", async (request) => {
    if (READS.has(request.method)) return;
    if (await storage.isLow()) throw unavailable("storage_full");
  });
}
