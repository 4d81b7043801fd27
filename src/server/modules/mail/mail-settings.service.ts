import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { field, invalidInput } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import { audit } from "@server/modules/audit/audit";
import { message } from "@shared/message-codes";
import type { EmailSettings, EmailTestResult, emailSettingsBody, emailTestBody } from "@shared/schemas/mail";
import type { z } from "zod";
import { testImap, testSmtp } from "./mail-connection-test";
import { IMAP_PASSWORD, type MailRuntime, SMTP_PASSWORD } from "./mail-runtime";
import {
  readStoredEmailSettings,
  type StoredEmailSettings,
  writeStoredEmailSettings,
} from "./mail-settings.repository";
import { makeWaitingDue } from "./outbox.repository";
import type { SecretBox } from "./secret-box";

export interface MailServiceDeps {
  runtime: MailRuntime;
  intakeListener: EmailSettings["intakeListener"];
}

function toResponse(stored: StoredEmailSettings, deps: MailServiceDeps): EmailSettings {
  const { smtp, imap } = stored;
  return {
    smtp: smtp
      ? {
          host: smtp.host,
          port: smtp.port,
          security: smtp.security,
          user: smtp.user,
          passwordSet: smtp.passwordSealed !== null,
          from: smtp.from,
          fromName: smtp.fromName,
        }
      : null,
    imap: imap
      ? {
          enabled: imap.enabled,
          host: imap.host,
          port: imap.port,
          security: imap.security,
          user: imap.user,
          passwordSet: imap.passwordSealed !== null,
          folder: imap.folder,
          afterRead: imap.afterRead,
          moveTo: imap.moveTo,
          pollSeconds: imap.pollSeconds,
        }
      : null,
    intakeAddresses: stored.intakeAddresses,
    intakeListener: deps.intakeListener,
  };
}

export async function getEmailSettings(ctx: ServiceContext, deps: MailServiceDeps): Promise<EmailSettings> {
  authorize(ctx, "settings.manage");
  return toResponse(await readStoredEmailSettings(ctx.db), deps);
}

/** A new password is sealed; omitted keeps the stored one; null removes it. */
function sealed(box: SecretBox, given: string | null | undefined, stored: string | null, purpose: string) {
  if (given === undefined) return stored;
  return given === null || given === "" ? null : box.seal(given, purpose);
}

type Body = z.output<typeof emailSettingsBody>;

/** Saves the settings; new SMTP settings make every waiting mail due at once. */
export async function updateEmailSettings(
  ctx: ServiceContext,
  deps: MailServiceDeps,
  body: Body,
): Promise<EmailSettings> {
  authorize(ctx, "settings.manage");
  if (body.imap?.afterRead === "move" && !body.imap.moveTo) {
    throw invalidInput(message("imap_move_folder_required"), [
      field("imap.moveTo", "imap_move_folder_required"),
    ]);
  }
  const { box } = deps.runtime;
  const stored = await ctx.db.transaction(async (tx) => {
    const before = await readStoredEmailSettings(tx);
    const next: StoredEmailSettings = { ...before };
    if (body.smtp !== undefined) {
      const { password, ...smtp } = body.smtp ?? { password: undefined };
      next.smtp = body.smtp
        ? {
            ...(smtp as Omit<NonNullable<Body["smtp"]>, "password">),
            passwordSealed: sealed(box, password, before.smtp?.passwordSealed ?? null, SMTP_PASSWORD),
          }
        : null;
    }
    if (body.imap !== undefined) {
      const { password, ...imap } = body.imap ?? { password: undefined };
      next.imap = body.imap
        ? {
            ...(imap as Omit<NonNullable<Body["imap"]>, "password">),
            passwordSealed: sealed(box, password, before.imap?.passwordSealed ?? null, IMAP_PASSWORD),
          }
        : null;
    }
    if (body.intakeAddresses !== undefined) next.intakeAddresses = [...new Set(body.intakeAddresses)];
    await writeStoredEmailSettings(tx, next);
    if (next.smtp) {
      await makeWaitingDue(tx);
      await enqueueJob(tx, "mail-outbox");
    }
    if (next.imap?.enabled) await enqueueJob(tx, "imap-poll");
    // Which parts changed, never their values (passwords least of all).
    await audit(tx, ctx, "settings.email_updated", null, {
      parts: Object.keys(body).filter((k) => body[k as keyof Body] !== undefined),
    });
    return next;
  });
  return toResponse(stored, deps);
}

/** Tries the given (or stored) server: says which step failed, in the server's own words too. */
export async function testEmailSettings(
  ctx: ServiceContext,
  deps: MailServiceDeps,
  body: z.output<typeof emailTestBody>,
): Promise<EmailTestResult> {
  authorize(ctx, "settings.manage");
  const stored = await readStoredEmailSettings(ctx.db);
  const { box } = deps.runtime;
  if (body.target === "smtp") {
    const given = body.smtp;
    const base = stored.smtp;
    const target = given ?? base;
    if (!target) return { ok: false, failedStep: null, code: "smtp_not_configured", detail: null };
    const storedPassword = base?.passwordSealed ? box.open(base.passwordSealed, SMTP_PASSWORD) : null;
    const password = given && given.password !== undefined ? (given.password ?? null) : storedPassword;
    return testSmtp({ ...target, password });
  }
  const given = body.imap;
  const base = stored.imap;
  const target = given ?? base;
  if (!target) return { ok: false, failedStep: null, code: "mail_test_login", detail: null };
  const storedPassword = base?.passwordSealed ? box.open(base.passwordSealed, IMAP_PASSWORD) : null;
  const password = given && given.password !== undefined ? (given.password ?? null) : storedPassword;
  return testImap({ ...target, password });
}
