import path from "node:path";
import { z } from "zod";

/** Every environment variable the server reads; README.md's configuration table mirrors this. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  LEADWERK_DATA_DIR: z.string().min(1).default("./data"),
  /** Free space kept under LEADWERK_DATA_DIR (PGlite only): below it writes answer 503 and a start refuses. */
  LEADWERK_MIN_FREE_MB: z.coerce.number().int().min(0).max(1_000_000).default(64),
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
  LEADWERK_API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  LEADWERK_IMPORT_BATCH: z.coerce.number().int().min(1).max(50_000).optional(),
  /** 32 bytes as 64 hex digits or base64: encrypts stored mail passwords; unset: generated once and kept in the database. */
  LEADWERK_SECRET_KEY: z
    .string()
    .refine((v) => secretKeyBytes(v) !== null, "must be 32 bytes as 64 hex digits or base64")
    .optional(),
  /** Port of the inbound SMTP listener for email-to-lead; off when unset. */
  LEADWERK_SMTP_INTAKE_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LEADWERK_SMTP_INTAKE_HOST: z.string().min(1).default("0.0.0.0"),
  /** Largest inbound mail the intake accepts (10 MiB); larger ones are refused and recorded as rejected. */
  /** Serves GET /metrics (Prometheus) to `Authorization: Bearer <token>`; 404 when unset. */
  LEADWERK_METRICS_TOKEN: z.string().min(16, "must have at least 16 characters").optional(),
  LEADWERK_MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Comma-separated hosts or addresses webhook targets may resolve to despite the SSRF rules (on-premises receivers). */
  LEADWERK_WEBHOOK_ALLOWED_HOSTS: z.string().default(""),
});

/** The secret key's 32 bytes from 64 hex digits or base64 (url-safe too), or null. */
export function secretKeyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  return bytes.length === 32 ? bytes : null;
}

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize: number }
  | { kind: "pglite"; dataDir: string; minFreeMb?: number };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  firstAdmin: { email: string; password: string } | null;
  secureCookies: boolean;
  /** LEADWERK_PUBLIC_URL without a trailing slash: links in mails (password reset) point here; unset: the request's origin. */
  publicUrl?: string | null;
  trustProxy: boolean;
  sessionDays: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Folder with the built web UI; null serves the API only. */
  webRoot: string | null;
  /** zod-encode every response too and insist the fast serializer wrote the same (tests, debugging). */
  checkResponses: boolean;
  /** Period of the reminder scan job (30 s). */
  reminderScanMs: number;
  /** The Bearer token of GET /metrics; null or absent: no metrics route. */
  metricsToken?: string | null;
  /** Requests per API token and minute (issue #22); absent: 600. */
  apiRatePerMinute?: number;
  /** Rows per transaction of the file import's job (issue #17); absent: 5,000 on PostgreSQL, 1,000 on PGlite. */
  importBatch?: number | undefined;
  mail: {
    /** The key that encrypts stored mail passwords; null: one generated and kept in app_secrets. */
    secretKey: Buffer | null;
    /** The inbound SMTP listener; null: off. */
    intake: { port: number; host: string } | null;
    maxBytes: number;
  };
  webhooks: {
    /** Hosts or addresses a webhook may reach although they are private or local (LEADWERK_WEBHOOK_ALLOWED_HOSTS). */
    allowedHosts: string[];
  };
}

/**
 * An app on an in-memory PGlite with no port, log, web UI or mail: the base of the tests' apps and of
 * scripts that boot the app only to read from it (the OpenAPI document).
 */
export function inMemoryConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: "127.0.0.1",
    database: { kind: "pglite", dataDir: "memory://" },
    firstAdmin: null,
    secureCookies: false,
    trustProxy: false,
    sessionDays: 30,
    logLevel: "silent",
    webRoot: null,
    checkResponses: false,
    reminderScanMs: 30_000,
    mail: { secretKey: null, intake: null, maxBytes: 10 * 1024 * 1024 },
    webhooks: { allowedHosts: [] },
    ...overrides,
  };
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
      : {
          kind: "pglite",
          dataDir: path.resolve(e.LEADWERK_DATA_DIR, "pglite"),
          minFreeMb: e.LEADWERK_MIN_FREE_MB,
        },
    firstAdmin:
      e.LEADWERK_ADMIN_EMAIL && e.LEADWERK_ADMIN_PASSWORD
        ? { email: e.LEADWERK_ADMIN_EMAIL, password: e.LEADWERK_ADMIN_PASSWORD }
        : null,
    secureCookies: e.LEADWERK_PUBLIC_URL?.startsWith("https://") ?? false,
    publicUrl: e.LEADWERK_PUBLIC_URL?.replace(/\/+$/, "") ?? null,
    trustProxy: e.LEADWERK_TRUST_PROXY,
    sessionDays: e.LEADWERK_SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    webRoot: path.resolve("dist/web"),
    checkResponses: e.LEADWERK_CHECK_RESPONSES,
    reminderScanMs: e.LEADWERK_REMINDER_SCAN_MS,
    metricsToken: e.LEADWERK_METRICS_TOKEN ?? null,
    apiRatePerMinute: e.LEADWERK_API_RATE_LIMIT,
    importBatch: e.LEADWERK_IMPORT_BATCH,
    mail: {
      secretKey: e.LEADWERK_SECRET_KEY ? secretKeyBytes(e.LEADWERK_SECRET_KEY) : null,
      intake:
        e.LEADWERK_SMTP_INTAKE_PORT === undefined
          ? null
          : { port: e.LEADWERK_SMTP_INTAKE_PORT, host: e.LEADWERK_SMTP_INTAKE_HOST },
      maxBytes: e.LEADWERK_MAIL_MAX_BYTES,
    },
    webhooks: {
      allowedHosts: e.LEADWERK_WEBHOOK_ALLOWED_HOSTS.split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    },
  };
}
