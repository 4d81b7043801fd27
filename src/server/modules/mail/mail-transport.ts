import type { MailSecurity } from "@shared/schemas/mail";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

export interface SmtpTarget {
  host: string;
  port: number;
  security: MailSecurity;
  user: string;
  password: string | null;
}

/** Timeouts short enough that an SMTP outage fails an attempt quickly instead of holding the outbox. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** nodemailer's options for a server: TLS from the start, STARTTLS required, or plain. */
export function smtpOptions(target: SmtpTarget): SMTPTransport.Options {
  return {
    host: target.host,
    port: target.port,
    secure: target.security === "tls",
    requireTLS: target.security === "starttls",
    ignoreTLS: target.security === "none",
    ...(target.user ? { auth: { user: target.user, pass: target.password ?? "" } } : {}),
    ...TIMEOUTS,
  };
}

export function smtpTransport(target: SmtpTarget) {
  return nodemailer.createTransport(smtpOptions(target));
}
