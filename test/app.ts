import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { buildApp } from "@server/app";
import { type AppConfig, inMemoryConfig } from "@server/config";
import { type Database, fromPglite, openDatabase, PGLITE_EXTENSIONS } from "@server/db/client";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { inject } from "vitest";
import { createTestDatabase } from "./db";
import { dumpMigratedPglite } from "./pglite-snapshot";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** The PostgreSQL URL of this test's database (PostgreSQL project only), e.g. for a second process. */
  databaseUrl: string | null;
  /** Another app instance on the same database, as a second process behind a load balancer would be. */
  sibling(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  // Every API test checks each response against its zod schema (production skips that for speed).
  return inMemoryConfig({ checkResponses: true, ...overrides });
}

export interface TestAppOptions {
  /** Let the job runner look for due jobs on its own, as in production (default: held, see below). */
  backgroundJobs?: boolean;
}

/** The real app on a fresh database of the suite's kind (TEST_DB=pglite or postgres), migrated. */
export async function buildTestApp(
  overrides: Partial<AppConfig> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const databaseConfig: AppConfig["database"] =
    testDb.kind === "postgres" && testDb.url
      ? { kind: "postgres", url: testDb.url, poolSize: 5 }
      : { kind: "pglite", dataDir: testDb.dataDir ?? "memory://" };
  const database =
    databaseConfig.kind === "pglite" && databaseConfig.dataDir === "memory://"
      ? fromPglite(
          await PGlite.create("memory://", {
            loadDataDir: await migratedPgliteSnapshot(),
            extensions: PGLITE_EXTENSIONS,
          }),
        )
      : await openDatabase(databaseConfig);
  const config = testConfig({ database: databaseConfig, ...overrides });
  const app = await buildApp(config, { database, logger: false });
  // Jobs run when the test says so (`app.jobs.runDue()`), never on the runner's own: a background look
  // (the runner wakes on every write) could take a job before the test's run and race its assertions.
  if (!options.backgroundJobs) await app.jobs.hold();
  const siblings: { app: FastifyInstance; database: Database | null }[] = [];
  return {
    app,
    database,
    databaseUrl: databaseConfig.kind === "postgres" ? databaseConfig.url : null,
    async sibling() {
      // On PostgreSQL a second pool, like a second process; PGlite cannot be opened twice, so share it.
      const own = databaseConfig.kind === "postgres" ? await openDatabase(databaseConfig) : null;
      const siblingApp = await buildApp(config, { database: own ?? database, logger: false });
      if (!options.backgroundJobs) await siblingApp.jobs.hold();
      siblings.push({ app: siblingApp, database: own });
      return siblingApp;
    },
    async close() {
      for (const s of siblings) {
        await s.app.close();
        await s.database?.close();
      }
      await app.close();
      await database.close();
      await testDb.cleanup();
    },
  };
}

/**
 * A browser-like client: keeps the cookies it is given and sends the CSRF token on unsafe requests,
 * the way the web UI does.
 */
export class Client {
  private cookies = new Map<string, string>();
  csrfToken = "";

  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const method = (options.method ?? "GET").toUpperCase();
    if (this.csrfToken && method !== "GET" && !("x-csrf-token" in headers))
      headers["x-csrf-token"] = this.csrfToken;
    const response = await this.app.inject({ ...options, headers });
    for (const c of response.cookies) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const body = String(response.headers["content-type"] ?? "").includes("json")
      ? safeJson(response.body)
      : null;
    if (body && typeof body === "object" && "csrfToken" in body && typeof body.csrfToken === "string") {
      this.csrfToken = body.csrfToken;
    }
    return response;
  }

  get = (url: string, headers?: Record<string, string>) =>
    this.request({ method: "GET", url, ...(headers ? { headers } : {}) });
  post = (url: string, payload?: unknown) => this.request({ method: "POST", url, ...jsonBody(payload) });
  patch = (url: string, payload?: unknown, headers?: Record<string, string>) =>
    this.request({ method: "PATCH", url, ...jsonBody(payload), ...(headers ? { headers } : {}) });
  delete = (url: string) => this.request({ method: "DELETE", url });

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post("/api/v1/auth/login", { email, password });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return response;
  }

  hasCookie(name: string) {
    return this.cookies.has(name);
  }

  /** The Cookie header this client would send, to replay its session against another app instance. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const jsonBody = (payload: unknown) =>
  payload === undefined ? {} : { payload: payload as InjectOptions["payload"] };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Starting PGlite and applying the migrations takes seconds; loading a snapshot of an already migrated,
 * empty database takes a fraction of that. The api-pglite project's globalSetup dumps it once per run
 * (test/global-setup-pglite.ts); elsewhere it is made once per test file. buildApp still runs the
 * migrator, which then finds nothing to do.
 */
let snapshot: Promise<Blob> | null = null;
function migratedPgliteSnapshot(): Promise<Blob> {
  const file = inject("pgliteSnapshot");
  snapshot ??= file ? readFile(file).then((bytes) => new Blob([bytes])) : dumpMigratedPglite();
  return snapshot;
}
