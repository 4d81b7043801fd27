import { problemResponses } from "@server/plugins/openapi";
import { idParams, idSchema } from "@shared/schemas/common";
import {
  activityEmailSchema,
  emailSettingsBody,
  emailSettingsSchema,
  emailTestBody,
  emailTestResult,
  inboundListQuery,
  inboundListResponse,
  outboxListQuery,
  outboxListResponse,
  outboxMailSchema,
  testMailBody,
} from "@shared/schemas/mail";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getActivityEmail, getEmailAttachment, listInboundMails } from "./inbound-view.service";
import {
  getEmailSettings,
  type MailServiceDeps,
  testEmailSettings,
  updateEmailSettings,
} from "./mail-settings.service";
import { listOutbox, retryOutboxMail, sendTestMail } from "./outbox.service";

const attachmentParams = z.strictObject({ id: idSchema, attachmentId: idSchema });

/**
 * A download name for Content-Disposition: the original in RFC 5987 form, and a plain ASCII fallback
 * (letters, digits, a few marks), so no header injection and no path.
 */
function disposition(filename: string): string {
  const ascii =
    filename
      .normalize("NFKD")
      .replace(/[^\w .-]+/g, "")
      .trim()
      .slice(0, 100) || "attachment";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

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
  r.post(
    "/settings/email/test-mail",
    {
      schema: {
        tags,
        summary: "Queue a test mail through the outbox (admin); its state shows in the outbox",
        body: testMailBody,
        response: { 201: outboxMailSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const mail = await sendTestMail(request.ctx(), request.body);
      app.jobs.wake();
      return reply.code(201).send(mail);
    },
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
  r.get(
    "/inbound-mails",
    {
      schema: {
        tags,
        summary:
          "Every inbound mail and what became of it: accepted, ignored or rejected with the reason (admin)",
        querystring: inboundListQuery,
        response: { 200: inboundListResponse, ...problemResponses },
      },
    },
    async (request) => listInboundMails(request.ctx(), request.query),
  );
  r.get(
    "/activities/:id/email",
    {
      schema: {
        tags,
        summary: "The mail behind an email activity: sender, sanitised HTML, attachments",
        params: idParams,
        response: { 200: activityEmailSchema, ...problemResponses },
      },
    },
    async (request) => getActivityEmail(request.ctx(), request.params.id),
  );
  r.get(
    "/activities/:id/attachments/:attachmentId",
    {
      schema: {
        tags,
        summary: "Download an attachment of an email activity (always as a download, never shown inline)",
        params: attachmentParams,
      },
    },
    async (request, reply) => {
      const file = await getEmailAttachment(request.ctx(), request.params.id, request.params.attachmentId);
      // octet-stream + attachment: a browser saves it and never renders an HTML or SVG attachment.
      return reply
        .type("application/octet-stream")
        .header("content-disposition", disposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .send(file.content);
    },
  );
}
