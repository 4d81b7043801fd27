import path from "node:path";
import { z } from "zod";

/** Every environment variable the server reads; README.md's configuration table mirrors this. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  LEADWERK_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LEADWERK_ADMIN_EMAIL: z.email().optional(),
  LEADWERK_ADMIN_PASSWORD: z.string().min(10, "must have at least 10 characters").optional(),
  /** Public https URL of the app; when it starts with https, cookies are marked Secure. */
  LEADWERK_PUBLIC_URL: z.url().optional(),
  /** Set when the app runs behind a reverse proxy that sets X-Forwarded-For. */
  LEADWERK_TRUST_PROXY: z.stringbool().default(false),
  LEADWERK_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Also check every response against its zod schema (slower; the test app always does). */
  LEADWERK_CHECK_RESPONSES: z.stringbool().default(false),
  /** How often reminders that fell due are looked for; the e2e server shortens it so a test need not wait. */
  LEADWERK_REMINDER_SCAN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
});

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize: number }
  | { kind: "pglite"; dataDir: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  firstAdmin: { email: string; password: string } | null;
  secureCookies: boolean;
  trustProxy: boolean;
  sessionDays: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Folder with the built web UI; null serves the API only. */
  webRoot: string | null;
  /** zod-encode every response too and insist the fast serializer wrote the same (tests, debugging). */
  checkResponses: boolean;
  /** Period of the reminder scan job (30 s). */
  reminderScanMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: path.resolve(e.LEADWERK_DATA_DIR, "pglite") },
    firstAdmin:
      e.LEADWERK_ADMIN_EMAIL && e.LEADWERK_ADMIN_PASSWORD
        ? { email: e.LEADWERK_ADMIN_EMAIL, password: e.LEADWERK_ADMIN_PASSWORD }
        : null,
    secureCookies: e.LEADWERK_PUBLIC_URL?.startsWith("https://") ?? false,
    trustProxy: e.LEADWERK_TRUST_PROXY,
    sessionDays: e.LEADWERK_SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    webRoot: path.resolve("dist/web"),
    checkResponses: e.LEADWERK_CHECK_RESPONSES,
    reminderScanMs: e.LEADWERK_REMINDER_SCAN_MS,
  };
}
