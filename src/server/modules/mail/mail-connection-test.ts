import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { EmailTestResult, MailSecurity } from "@shared/schemas/mail";
import { ImapFlow } from "imapflow";
import { smtpTransport } from "./mail-transport";

interface Target {
  host: string;
  port: number;
  security: MailSecurity;
  user: string;
  password: string | null;
}

const ok: EmailTestResult = { ok: true, failedStep: null, code: null, detail: null };
type Step = NonNullable<EmailTestResult["failedStep"]>;
const CODE_OF_STEP = {
  dns: "mail_test_dns",
  connect: "mail_test_connect",
  tls: "mail_test_tls",
  login: "mail_test_login",
  folder: "mail_test_folder",
  send: "mail_test_send",
} as const satisfies Record<Step, string>;

const failed = (step: Step, error: unknown): EmailTestResult => ({
  ok: false,
  failedStep: step,
  code: CODE_OF_STEP[step],
  detail: (error instanceof Error ? error.message : String(error)).slice(0, 500),
});

function codeOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const e = error as { code?: unknown; authenticationFailed?: unknown };
  if (e.authenticationFailed === true) return "EAUTH";
  return typeof e.code === "string" ? e.code : "";
}

const TLS_WORDS = /ssl|tls|certificate|cert_|self[- ]signed|wrong version number|handshake/i;

/** Which step an error of nodemailer, imapflow or node:net belongs to. */
export function stepOf(error: unknown): Step {
  const code = codeOf(error);
  const text = `${code} ${error instanceof Error ? error.message : ""}`;
  if (code === "EAUTH" || /authenticat|login|credentials|535/i.test(text)) return "login";
  if (code === "ETLS" || code.startsWith("ERR_SSL") || code.includes("CERT") || TLS_WORDS.test(text))
    return "tls";
  if (["ENOTFOUND", "EAI_AGAIN", "EDNS"].includes(code)) return "dns";
  if (
    ["ECONNREFUSED", "ETIMEDOUT", "ECONNECTION", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"].includes(code)
  )
    return "connect";
  if (/ECONNREFUSED|timed? ?out|ECONNRESET/i.test(text)) return "connect";
  return "send";
}

async function resolves(host: string): Promise<EmailTestResult | null> {
  if (isIP(host.replace(/^\[|\]$/g, ""))) return null;
  try {
    await lookup(host);
    return null;
  } catch (error) {
    return failed("dns", error);
  }
}

/** DNS, then connect, TLS and login through nodemailer's `verify` (no mail is sent). */
export async function testSmtp(target: Target): Promise<EmailTestResult> {
  const dns = await resolves(target.host);
  if (dns) return dns;
  const transport = smtpTransport(target);
  try {
    await transport.verify();
    return ok;
  } catch (error) {
    return failed(stepOf(error), error);
  } finally {
    transport.close();
  }
}

/** DNS, then connect, TLS, login and opening the folder with imapflow. */
export async function testImap(target: Target & { folder: string }): Promise<EmailTestResult> {
  const dns = await resolves(target.host);
  if (dns) return dns;
  const client = imapClient(target);
  // imapflow reports a dropped connection as an event too; without a listener it would be thrown.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    return failed(stepOf(error), error);
  }
  try {
    await client.mailboxOpen(target.folder, { readOnly: true });
    return ok;
  } catch (error) {
    return failed("folder", error);
  } finally {
    await client.logout().catch(() => undefined);
  }
}

export function imapClient(target: Target): ImapFlow {
  return new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.security === "tls",
    doSTARTTLS: target.security === "starttls" ? true : target.security === "none" ? false : undefined,
    auth: { user: target.user, pass: target.password ?? "" },
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}
