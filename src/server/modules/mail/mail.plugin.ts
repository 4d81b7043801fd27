import { publishAll } from "@server/live/publish";
import type { FastifyInstance } from "fastify";
import type { MailRuntime } from "./mail-runtime";
import { loadSecretBox } from "./secret-box";
import { startSmtpIntake } from "./smtp-intake";

declare module "fastify" {
  interface FastifyInstance {
    /** The mail module's per-process state: the key of stored passwords, the intake listener's port. */
    mail: MailRuntime;
  }
}

/**
 * Loads the mail key before the routes and jobs that need it are registered, and, with
 * LEADWERK_SMTP_INTAKE_PORT, starts the SMTP intake listener when the app is ready (like the HTTP
 * port, nothing listens while buildApp runs) and closes it with the app.
 */
export async function registerMail(app: FastifyInstance): Promise<void> {
  const box = await loadSecretBox(app.database.db, app.config.mail.secretKey);
  const runtime: MailRuntime = { box, intakePort: null };
  app.decorate("mail", runtime);
  const intake = app.config.mail.intake;
  if (!intake) return;
  let close: (() => Promise<void>) | null = null;
  app.addHook("onReady", async () => {
    const listener = await startSmtpIntake({
      ...intake,
      maxBytes: app.config.mail.maxBytes,
      db: app.database.db,
      log: app.log,
      onTaken: (outcome) => publishAll(app, outcome.live),
    });
    runtime.intakePort = listener.port;
    close = listener.close;
    app.log.info({ port: listener.port }, "SMTP intake listening");
  });
  app.addHook("preClose", async () => {
    await close?.();
  });
}
