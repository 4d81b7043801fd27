/**
 * Vitest globalSetup of the `api-postgres` project: one PostgreSQL server for the whole run; each
 * test file makes its own database on it through createTestDatabase() in test/db.ts.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server (database leadwerk_test). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
