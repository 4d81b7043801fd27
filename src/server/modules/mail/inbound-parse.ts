import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import sanitizeHtml from "sanitize-html";
import { zipBombReason } from "./zip-check";

/** Limits of what an inbound mail may bring; beyond them it is rejected or the part dropped. */
export interface InboundLimits {
  /** The whole message (10 MiB by default, LEADWERK_MAIL_MAX_BYTES). */
  maxBytes: number;
  /** One attachment kept for download; a larger one is listed but not kept. */
  maxAttachmentBytes: number;
}

export type InboundReason =
  | "mail_too_large"
  | "mail_malformed"
  | "mail_no_sender"
  | "mail_zip_bomb"
  | "mail_script_in_html";

export interface InboundAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
  content: Buffer;
}

export interface ReadMail {
  from: { address: string; name: string | null };
  to: string[];
  subject: string;
  text: string;
  safeHtml: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  autoReply: boolean;
  bounce: boolean;
  attachments: InboundAttachment[];
  /** Attachments over the size limit: named on the activity, not kept. */
  droppedAttachments: string[];
}

export type ReadResult =
  | { ok: true; mail: ReadMail }
  | {
      ok: false;
      reason: InboundReason;
      from: string | null;
      subject: string | null;
      messageId: string | null;
    };

/**
 * What the timeline may show of a mail's HTML: sanitize-html's default tag list (no script, style,
 * iframe, form, img; no event handlers, no javascript: URLs), links opened in a new tab without the
 * referrer. The web client still shows it in a sandboxed frame only.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedAttributes: { ...sanitizeHtml.defaults.allowedAttributes, a: ["href", "name", "target", "rel"] },
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
  },
};

/** Script in a mail's HTML is hostile: a mail program never sends it, so the mail is refused. */
function hasScript(html: string): boolean {
  let found = false;
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    onOpenTag(name, attribs) {
      if (name === "script") found = true;
      for (const [key, value] of Object.entries(attribs)) {
        if (/^on/i.test(key) || /^\s*(javascript|vbscript):/i.test(value)) found = true;
      }
    },
  });
  return found;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(entry.address)) {
        return {
          address: clean(entry.address.trim().toLowerCase()),
          name: clean(entry.name?.trim() ?? "") || null,
        };
      }
    }
  }
  return null;
}

function allAddresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((g) => g.value.flatMap((e) => (e.address ? [clean(e.address.toLowerCase()).slice(0, 254)] : [])))
    .slice(0, 100);
}

const header = (parsed: ParsedMail, name: string): string => {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value && typeof value.value === "string") return value.value;
  return String(value);
};

/** The Content-Type header: its value lower-cased and its parameters. */
function contentTypeOf(parsed: ParsedMail): { value: string; params: Record<string, string> } {
  const type = parsed.headers.get("content-type");
  if (!type || typeof type !== "object" || !("value" in type) || typeof type.value !== "string") {
    return { value: "", params: {} };
  }
  const params: Record<string, string> = {};
  if ("params" in type && type.params && typeof type.params === "object") {
    for (const [key, value] of Object.entries(type.params))
      if (typeof value === "string") params[key] = value;
  }
  return { value: type.value.toLowerCase(), params };
}

/** RFC 3834 Auto-Submitted, and the headers of autoresponders that predate it. */
function isAutoReply(parsed: ParsedMail): boolean {
  const autoSubmitted = header(parsed, "auto-submitted").trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return true;
  if (parsed.headers.has("x-autoreply") || parsed.headers.has("x-autorespond")) return true;
  return ["auto_reply", "bulk", "junk"].includes(header(parsed, "precedence").trim().toLowerCase());
}

/** A bounce: empty envelope sender (Return-Path: <>) or a delivery status report (RFC 3464). */
function isBounce(parsed: ParsedMail, envelopeFrom: string | null | undefined): boolean {
  if (envelopeFrom === "") return true;
  if (/^\s*<\s*>\s*$/.test(header(parsed, "return-path"))) return true;
  const { value, params } = contentTypeOf(parsed);
  return value === "multipart/report" && (params["report-type"] ?? "").toLowerCase() === "delivery-status";
}

/** A multipart body without its boundary, or a Content-Type mailparser could not make sense of. */
function isBrokenMime(raw: Buffer, parsed: ParsedMail): boolean {
  const { value, params } = contentTypeOf(parsed);
  if (!value.startsWith("multipart/")) return false;
  // Without its boundary, or with one that never appears in the body, the parts cannot be told apart.
  return !params.boundary || !raw.includes(`--${params.boundary}`);
}

/** PostgreSQL text holds no NUL: a header or body with one keeps the rest. */
const clean = (value: string) => value.replace(/\0/g, "");

const idList = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : [])
    .map((v) => clean(v.trim()).slice(0, 500))
    .filter(Boolean);

/**
 * Reads one inbound mail with mailparser: sender, recipients, text, sanitised HTML, threading headers,
 * attachments within the limits. Refuses what is too large, unreadable, without a sender, carrying a
 * zip bomb or script in its HTML, with the reason (a message code).
 */
export async function readInboundMail(
  raw: Buffer,
  limits: InboundLimits,
  envelopeFrom?: string | null,
): Promise<ReadResult> {
  const refused = (reason: InboundReason, parsed?: ParsedMail): ReadResult => ({
    ok: false,
    reason,
    from: parsed ? (firstAddress(parsed.from)?.address ?? null) : null,
    subject: parsed?.subject ? clean(parsed.subject).slice(0, 500) : null,
    messageId: parsed?.messageId ? clean(parsed.messageId).slice(0, 500) : null,
  });
  if (raw.length > limits.maxBytes) return refused("mail_too_large");
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return refused("mail_malformed");
  }
  if (isBrokenMime(raw, parsed)) return refused("mail_malformed", parsed);
  const from = firstAddress(parsed.from);
  if (!from) return refused("mail_no_sender", parsed);
  const html = typeof parsed.html === "string" ? parsed.html : null;
  if (html && hasScript(html)) return refused("mail_script_in_html", parsed);
  const attachments: InboundAttachment[] = [];
  const droppedAttachments: string[] = [];
  for (const part of parsed.attachments) {
    const filename = (part.filename ?? "attachment").replace(/[\\/\0]/g, "_").slice(0, 200);
    if (await zipBombReason(part.content, filename, part.contentType))
      return refused("mail_zip_bomb", parsed);
    if (part.size > limits.maxAttachmentBytes) {
      droppedAttachments.push(filename);
      continue;
    }
    attachments.push({
      filename,
      contentType: part.contentType || "application/octet-stream",
      sizeBytes: part.content.length,
      content: part.content,
    });
  }
  const text = parsed.text ?? (html ? sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }) : "");
  return {
    ok: true,
    mail: {
      from,
      to: allAddresses(parsed.to),
      subject: clean(parsed.subject ?? "")
        .trim()
        .slice(0, 500),
      text: clean(text),
      safeHtml: html ? clean(sanitizeHtml(html, SANITIZE)) : null,
      messageId: parsed.messageId ? clean(parsed.messageId).slice(0, 500) : null,
      inReplyTo: parsed.inReplyTo ? clean(parsed.inReplyTo.trim()).slice(0, 500) : null,
      references: idList(parsed.references).slice(0, 100),
      autoReply: isAutoReply(parsed),
      bounce: isBounce(parsed, envelopeFrom),
      attachments,
      droppedAttachments,
    },
  };
}
