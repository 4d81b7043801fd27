import type { AddressInfo } from "node:net";
import type { Db } from "@server/db/client";
import { errorForLog } from "@server/plugins/error-log";
import type { FastifyBaseLogger } from "fastify";
import { SMTPServer } from "smtp-server";
import * as repo from "./inbound.repository";
import { type InboundOutcome, takeInboundMail } from "./inbound.service";
import { readStoredEmailSettings } from "./mail-settings.repository";

export interface SmtpIntakeOptions {
  host: string;
  port: number;
  maxBytes: number;
  db: Db;
  log: FastifyBaseLogger;
  /** After a mail was taken in and committed (live events). */
  onTaken?: (outcome: InboundOutcome) => Promise<void>;
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/**
 * The inbound SMTP listener of email-to-lead (smtp-server): accepts mail only for the configured
 * intake addresses (550 otherwise), announces its size limit (SIZE) and refuses larger mail, reads
 * each mail into the intake (`takeInboundMail`). A bad mail is recorded as rejected and answered
 * with a permanent error; nothing a client sends stops the listener. No AUTH: it is a mail
 * exchanger's delivery port; no STARTTLS (no certificate is configured): run it behind the MTA or on
 * a private network.
 */
export async function startSmtpIntake(
  options: SmtpIntakeOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    name: "leadwerk-intake",
    banner: "Leadwerk email intake",
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      readStoredEmailSettings(options.db)
        .then((settings) => {
          const wanted = address.address.trim().toLowerCase();
          if (settings.intakeAddresses.includes(wanted)) callback();
          else callback(smtpError(550, "5.1.1 No such intake address"));
        })
        .catch(() => callback(smtpError(451, "4.3.0 Try again later")));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit nothing more is kept; smtp-server marks sizeExceeded and we refuse at the end.
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on("error", () => callback(smtpError(451, "4.3.0 Read error")));
      stream.on("end", () => {
        const mailbox = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(", ");
        const from = session.envelope.mailFrom;
        const envelopeFrom = from ? from.address : "";
        if (stream.sizeExceeded || size > options.maxBytes) {
          repo
            .insertInboundMail(options.db, {
              channel: "smtp",
              mailbox,
              sizeBytes: size,
              status: "rejected",
              reason: "mail_too_large",
              fromAddress: envelopeFrom || null,
            })
            .then(
              () => callback(smtpError(552, "5.3.4 Message too big")),
              () => callback(smtpError(451, "4.3.0 Try again later")),
            );
          return;
        }
        takeInboundMail(
          options.db,
          { maxBytes: options.maxBytes },
          {
            channel: "smtp",
            mailbox,
            raw: Buffer.concat(chunks),
            envelopeFrom,
          },
        )
          .then(async (outcome) => {
            await options.onTaken?.(outcome).catch(() => undefined);
            if (outcome.status === "rejected") callback(smtpError(554, "5.6.0 Message refused"));
            else callback();
          })
          .catch((error: unknown) => {
            // Not the mail's fault (the database is away): the sender's server retries later.
            options.log.error({ err: errorForLog(error) }, "inbound mail could not be stored");
            callback(smtpError(451, "4.3.0 Try again later"));
          });
      });
    },
  });
  server.on("error", (error) =>
    options.log.warn({ code: (error as { code?: string }).code }, "smtp intake error"),
  );
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
