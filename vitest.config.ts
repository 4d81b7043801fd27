import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const fromRoot = (folder: string): string => fileURLToPath(new URL(folder, import.meta.url));

const apiTests = ["src/server/**/*.test.ts"];
// Each API test file builds an app and migrates a database, which takes a while on a loaded 2-core CI
// machine, most of all PGlite (WebAssembly).
const apiTimeouts = { testTimeout: 30_000, hookTimeout: 60_000 };
// API test files share their worker's module graph instead of importing the whole server again per
// file (that import alone was about 3 s a file, 3 minutes a run). Each file still builds its own app
// on its own database; state that outlives an app belongs on the app instance, not in a module.
const apiIsolation = { isolate: false };

export default defineConfig({
  // Mirrors "paths" in tsconfig.json.
  resolve: {
    alias: {
      "@shared": fromRoot("./src/shared"),
      "@domain": fromRoot("./src/domain"),
      "@server": fromRoot("./src/server"),
      "@web": fromRoot("./src/web"),
      "@test": fromRoot("./test"),
    },
  },
  test: {
    pool: "forks",
    // PGlite is CPU-bound, so more workers than cores only adds contention; CI has 2 cores.
    maxWorkers: Math.min(availableParallelism(), 4),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/domain/**/*.test.ts", "src/shared/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "api-pglite",
          include: apiTests,
          // *.postgres.test.ts needs several processes on one database, which only PostgreSQL serves.
          exclude: ["src/server/**/*.postgres.test.ts"],
          env: { TEST_DB: "pglite" },
          globalSetup: ["test/global-setup-pglite.ts"],
          ...apiTimeouts,
          ...apiIsolation,
        },
      },
      {
        extends: true,
        test: {
          name: "api-postgres",
          include: apiTests,
          // *.pglite.test.ts is about the embedded database alone (its backup), whatever TEST_DB says.
          exclude: ["src/server/**/*.pglite.test.ts"],
          env: { TEST_DB: "postgres" },
          globalSetup: ["test/global-setup-postgres.ts"],
          ...apiTimeouts,
          ...apiIsolation,
        },
      },
    ],
  },
});
