/**
 * The OpenAPI document of a booted app, without a port: an in-memory PGlite database, migrated, no
 * web UI, no log. The client generator and its drift test read the document this way.
 */
import { PGlite } from "@electric-sql/pglite";
import { buildApp } from "@server/app";
import { inMemoryConfig } from "@server/config";
import { fromPglite, PGLITE_EXTENSIONS } from "@server/db/client";

const config = inMemoryConfig();

/** The served document (GET /api/openapi.json) of a fresh app. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = fromPglite(await PGlite.create("memory://", { extensions: PGLITE_EXTENSIONS }));
  const app = await buildApp(config, { database, logger: false });
  try {
    const response = await app.inject({ method: "GET", url: "/api/openapi.json" });
    if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
    return response.json();
  } finally {
    await app.close();
    await database.close();
  }
}
