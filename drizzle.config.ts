import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this: it writes SQL migrations from src/server/db/schema.ts.
// The app applies them itself on start (src/server/db/migrate.ts), on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema.ts",
  out: "./migrations",
  migrations: { prefix: "timestamp" },
});
