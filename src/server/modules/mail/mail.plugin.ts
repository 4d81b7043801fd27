import type { FastifyInstance } from "fastify";
import type { MailRuntime } from "./mail-runtime";
import { loadSecretBox } from "./secret-box";

declare module "fastify" {
  interface FastifyInstance {
    /** The mail module's per-process state: the key of stored passwords, the intake listener's port. */
    mail: MailRuntime;
  }
}

/** Loads the mail key before the routes and jobs that need it are registered. */
export async function registerMail(app: FastifyInstance): Promise<void> {
  const box = await loadSecretBox(app.database.db, app.config.mail.secretKey);
  app.decorate("mail", { box, intakePort: null });
}
