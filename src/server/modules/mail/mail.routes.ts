import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  emailSettingsBody,
  emailSettingsSchema,
  emailTestBody,
  emailTestResult,
  outboxListQuery,
  outboxListResponse,
  outboxMailSchema,
} from "@shared/schemas/mail";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  getEmailSettings,
  type MailServiceDeps,
  testEmailSettings,
  updateEmailSettings,
} from "./mail-settings.service";
import { listOutbox, retryOutboxMail } from "./outbox.service";

export function mailRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Email"];
  const deps = (): MailServiceDeps => ({
    runtime: app.mail,
    intakeListener: { port: app.mail.intakePort, maxBytes: app.config.mail.maxBytes },
  });
  r.get(
    "/settings/email",
    {
      schema: {
        tags,
        summary: "Outgoing SMTP, IMAP polling and intake addresses (admin; passwords are never sent back)",
        response: { 200: emailSettingsSchema, ...problemResponses },
      },
    },
    async (request) => getEmailSettings(request.ctx(), deps()),
  );
  r.put(
    "/settings/email",
    {
      schema: {
        tags,
        summary: "Change the email settings (admin); passwords are stored encrypted",
        body: emailSettingsBody,
        response: { 200: emailSettingsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const settings = await updateEmailSettings(request.ctx(), deps(), request.body);
      // Waiting mails and IMAP polling start now rather than at the next poll.
      app.jobs.wake();
      return settings;
    },
  );
  r.post(
    "/settings/email/test",
    {
      schema: {
        tags,
        summary: "Try the SMTP or IMAP server: which step failed (DNS, connect, TLS, login, folder) and why",
        body: emailTestBody,
        response: { 200: emailTestResult, ...problemResponses },
      },
    },
    async (request) => testEmailSettings(request.ctx(), deps(), request.body),
  );
  r.get(
    "/outbox",
    {
      schema: {
        tags,
        summary: "Outgoing mails and their state, newest first (admin)",
        querystring: outboxListQuery,
        response: { 200: outboxListResponse, ...problemResponses },
      },
    },
    async (request) => listOutbox(request.ctx(), request.query),
  );
  r.post(
    "/outbox/:id/retry",
    {
      schema: {
        tags,
        summary: "Send a waiting or failed mail now (admin)",
        params: idParams,
        response: { 200: outboxMailSchema, ...problemResponses },
      },
    },
    async (request) => {
      const mail = await retryOutboxMail(request.ctx(), request.params.id);
      app.jobs.wake();
      return mail;
    },
  );
}
