import { randomBytes, randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import { PermissionStore } from "@server/access/permission-store";
import type { AppConfig } from "@server/config";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { appSecrets } from "@server/db/schema";
import { registerJobs } from "@server/jobs/jobs.plugin";
import { eventRoutes } from "@server/live/events.routes";
import { registerLive } from "@server/live/live.plugin";
import { accountRoutes } from "@server/modules/accounts/accounts.routes";
import { activityRoutes } from "@server/modules/activities/activity.routes";
import { auditRoutes } from "@server/modules/audit/audit.routes";
import { authRoutes } from "@server/modules/auth/auth.routes";
import { resolveApiToken, resolveSession } from "@server/modules/auth/auth.service";
import { calendarRoutes } from "@server/modules/calendar/calendar.routes";
import { companyRoutes } from "@server/modules/companies/company.routes";
import { phoneBackfillJob } from "@server/modules/companies/phone-backfill.job";
import { contactRoutes } from "@server/modules/contacts/contact.routes";
import { conversionRoutes } from "@server/modules/conversion/conversion.routes";
import { customFieldRoutes } from "@server/modules/custom-fields/custom-field.routes";
import { readDefinitionsByEntity } from "@server/modules/custom-fields/custom-field.service";
import { customFieldIndexJob } from "@server/modules/custom-fields/custom-field-index.job";
import { CustomFieldStore } from "@server/modules/custom-fields/custom-field-store";
import { dealRoutes } from "@server/modules/deals/deal.routes";
import { exportRoutes } from "@server/modules/exports/export.routes";
import { doiExpiryJob } from "@server/modules/forms/double-opt-in";
import { formRoutes } from "@server/modules/forms/form.routes";
import { publicFormRoutes } from "@server/modules/forms/public-form.routes";
import { gdprRoutes } from "@server/modules/gdpr/gdpr.routes";
import { gdprRetentionJob } from "@server/modules/gdpr/gdpr-retention.job";
import { healthRoutes } from "@server/modules/health/health.routes";
import { importRoutes } from "@server/modules/imports/import.routes";
import { registerImportJobs } from "@server/modules/imports/import-run.job";
import { intakeRoutes } from "@server/modules/intake/intake.routes";
import { leadRoutes } from "@server/modules/leads/lead.routes";
import { registerLeadJobs } from "@server/modules/leads/lead-jobs";
import { registerMail } from "@server/modules/mail/mail.plugin";
import { mailRoutes } from "@server/modules/mail/mail.routes";
import { registerMailJobs } from "@server/modules/mail/mail-jobs";
import { notificationRoutes } from "@server/modules/notifications/notification.routes";
import { registerNotificationJobs } from "@server/modules/notifications/reminder-scan.job";
import { permissionRoutes } from "@server/modules/permissions/permission.routes";
import { readMatrix } from "@server/modules/permissions/permission.service";
import { pipelineRoutes } from "@server/modules/pipelines/pipeline.routes";
import { productRoutes } from "@server/modules/products/product.routes";
import { quoteRoutes } from "@server/modules/quotes/quote.routes";
import { quoteEmailTemplateRoutes } from "@server/modules/quotes/quote-email-templates.routes";
import { registerQuoteJobs } from "@server/modules/quotes/quote-jobs";
import { registerReportJobs } from "@server/modules/reports/forecast-snapshot.job";
import { reportRoutes } from "@server/modules/reports/report.routes";
import { searchRoutes } from "@server/modules/search/search.routes";
import { letterheadRoutes } from "@server/modules/settings/letterhead.routes";
import { settingsRoutes } from "@server/modules/settings/settings.routes";
import { bootstrapFirstAdmin } from "@server/modules/setup/bootstrap";
import { setupRoutes } from "@server/modules/setup/setup.routes";
import { batchRoutes } from "@server/modules/sync/batch.routes";
import { idempotencyPruneJob } from "@server/modules/sync/idempotency-prune.job";
import { teamRoutes } from "@server/modules/teams/team.routes";
import { tokenRoutes } from "@server/modules/tokens/token.routes";
import { userRoutes } from "@server/modules/users/user.routes";
import { viewRoutes } from "@server/modules/views/view.routes";
import { webhookRoutes } from "@server/modules/webhooks/webhook.routes";
import { registerWebhookJobs } from "@server/modules/webhooks/webhook-dispatch.job";
import { webhookOpenApi } from "@server/modules/webhooks/webhook-openapi";
import { winModelJob } from "@server/modules/win-model/win-model.job";
import { winModelRoutes } from "@server/modules/win-model/win-model.routes";
import { registerBackupEndpoint } from "@server/ops/backup";
import { registerApiRateLimit } from "@server/plugins/api-rate-limit";
import { registerAuth } from "@server/plugins/auth";
import { registerCompression } from "@server/plugins/compression";
import { registerErrorHandler } from "@server/plugins/error-handler";
import { errorForLog } from "@server/plugins/error-log";
import { registerIdempotency } from "@server/plugins/idempotency";
import { registerMetrics } from "@server/plugins/metrics";
import { registerNulGuard } from "@server/plugins/nul-guard";
import { registerOpenApi } from "@server/plugins/openapi";
import { responseSerializerCompiler } from "@server/plugins/response-serializer";
import { registerSecurityHeaders } from "@server/plugins/security-headers";
import { registerStorageGuard } from "@server/plugins/storage-guard";
import { registerWeb } from "@server/plugins/web";
import { eq } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";

export interface BuildOptions {
  /** An already open database (tests share one per file); otherwise opened from config and closed with the app. */
  database?: Database;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

/** Builds the whole application; nothing listens here (main.ts does that). */
export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? (await openDatabase(config.database));
  await runMigrations(database);
  await bootstrapFirstAdmin(database.db, config.firstAdmin);

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Defence in depth: the default serializers log no headers or bodies, but never let these through.
            redact: [
              "req.headers.cookie",
              "req.headers.authorization",
              'req.headers["x-csrf-token"]',
              "*.password",
            ],
            // Database errors carry the statement's parameters (record data): logged without them.
            serializers: { err: errorForLog },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.decorate("database", database);
  app.decorate("config", config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ check: config.checkResponses }));
  // The API speaks JSON; a text/plain body is refused with 415 rather than half-understood.
  app.removeContentTypeParser("text/plain");
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  if (!options.database) app.addHook("onClose", () => database.close());

  registerErrorHandler(app);
  registerStorageGuard(app);
  await registerSecurityHeaders(app, config);
  // Before compression: its onSend stores the serialized answer of a keyed POST.
  registerIdempotency(app);
  await registerCompression(app);
  registerNulGuard(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app, { webhooks: webhookOpenApi() });
  // Before auth, which gives every request's actor its role's row of the matrix.
  const permissions = new PermissionStore(() => readMatrix(database.db), app.log);
  await permissions.reload();
  app.decorate("permissions", permissions);
  app.addHook("onClose", async () => permissions.close());
  // Custom field definitions (#20), kept per app like the matrix: checking a record's values asks no query.
  const customFields = new CustomFieldStore(() => readDefinitionsByEntity(database.db), app.log);
  await customFields.reload();
  app.decorate("customFields", customFields);
  app.addHook("onClose", async () => customFields.close());
  await registerAuth(app, await loadSecret(database, "csrf_hmac_key"), { resolveApiToken, resolveSession });
  // After auth: it counts the requests of the API token auth resolved.
  registerApiRateLimit(app);
  await registerLive(app);
  await registerMail(app);
  await registerMetrics(app, config.metricsToken ?? null);
  registerBackupEndpoint(app);
  // Before the routes: its hooks wake the runner after a write that queued a job.
  registerJobs(app);

  const modules = [
    healthRoutes,
    setupRoutes,
    authRoutes,
    accountRoutes,
    userRoutes,
    teamRoutes,
    tokenRoutes,
    settingsRoutes,
    viewRoutes,
    leadRoutes,
    batchRoutes,
    conversionRoutes,
    contactRoutes,
    companyRoutes,
    activityRoutes,
    calendarRoutes,
    notificationRoutes,
    pipelineRoutes,
    dealRoutes,
    exportRoutes,
    importRoutes,
    quoteRoutes,
    letterheadRoutes,
    quoteEmailTemplateRoutes,
    reportRoutes,
    eventRoutes,
    intakeRoutes,
    formRoutes,
    mailRoutes,
    webhookRoutes,
    auditRoutes,
    gdprRoutes,
    permissionRoutes,
    searchRoutes,
    winModelRoutes,
    customFieldRoutes,
  ];
  await app.register(
    (api, _options, done) => {
      for (const routes of modules) routes(api);
      // Its own scope: the CSV import's content-type parser stays with the products' routes.
      api.register(productRoutes);
      done();
    },
    { prefix: "/api/v1" },
  );
  // The public side of web forms (/f/{key}, /api/v1/public/forms/{key}): its own body parser.
  await publicFormRoutes(app);
  await registerWeb(app, config.webRoot);
  // Modules hand their background jobs to the runner; jobs/ itself knows none of them.
  registerLeadJobs(app);
  app.jobs.register(customFieldIndexJob);
  app.jobs.register(phoneBackfillJob({ batchSize: app.database.kind === "pglite" ? 250 : 1000 }));
  registerNotificationJobs(app);
  registerImportJobs(app);
  app.jobs.register(doiExpiryJob);
  registerMailJobs(app);
  registerQuoteJobs(app);
  registerReportJobs(app);
  registerWebhookJobs(app);
  app.jobs.register(gdprRetentionJob);
  app.jobs.register(idempotencyPruneJob);
  app.jobs.register(winModelJob);
  await app.jobs.start();
  return app;
}

/** A random secret created once and shared by every app process through the database. */
async function loadSecret(database: Database, name: string): Promise<string> {
  await database.db
    .insert(appSecrets)
    .values({ name, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await database.db.select().from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`secret ${name} missing`);
  return row.value;
}
