import {
  type Message,
  type MessageKey,
  type MessageParams,
  message,
  type ParamsArg,
} from "@shared/message-codes";

/**
 * One error type for everything the server refuses on purpose. The error handler turns it into
 * application/problem+json (RFC 9457) using the table below; `type` URIs stay stable per kind.
 */
export type ErrorCode =
  | "bad_request"
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "csrf"
  | "not_found"
  | "gone"
  | "conflict"
  | "stale_version"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rule_violation"
  | "rate_limited"
  | "internal"
  | "unavailable";

export interface FieldError {
  /** Dotted path of the offending field, e.g. `email` or `bant.budget.amount`. */
  path: string;
  /** English, for API clients; the UI words it from `code` (the catalogue in src/shared/message-codes.ts). */
  message: string;
  /** Stable code of the message, e.g. `phone_invalid`, `too_long`. */
  code?: string;
  /** Values the message needs, e.g. `{ count: 200 }` for `too_long`. */
  params?: MessageParams;
}

export const ERROR_TABLE: Record<ErrorCode, { status: number; title: string }> = {
  bad_request: { status: 400, title: "Malformed request" },
  validation: { status: 400, title: "Invalid input" },
  unauthenticated: { status: 401, title: "Not logged in" },
  forbidden: { status: 403, title: "Not allowed" },
  csrf: { status: 403, title: "Missing or invalid CSRF token" },
  not_found: { status: 404, title: "Not found" },
  gone: { status: 410, title: "No longer available" },
  conflict: { status: 409, title: "Conflict" },
  stale_version: { status: 409, title: "The record was changed meanwhile" },
  payload_too_large: { status: 413, title: "Request body too large" },
  unsupported_media_type: { status: 415, title: "Unsupported content type" },
  rule_violation: { status: 422, title: "Not possible" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
  unavailable: { status: 503, title: "Service unavailable" },
};

export const problemType = (code: ErrorCode) => `https://leadwerk.dev/problems/${code.replaceAll("_", "-")}`;

/**
 * A refusal: its kind (→ status and `type`), its `detail` as a sentence of the catalogue (code, values and
 * English text) and, for input that is wrong at a place, the fields it is about. Made through the
 * functions below, which name the code: `throw ruleViolation("deal_closed_move", { status })`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: Message,
    readonly errors?: FieldError[],
  ) {
    super(detail.text);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }

  /** The same refusal about one field, so a form shows it beside that field. */
  at(path: string): AppError {
    return new AppError(this.code, this.detail, [fieldMessage(path, this.detail)]);
  }

  /** The same refusal with its fields under `prefix` (`ownerId` → `contact.create.ownerId`). */
  under(prefix: string): AppError {
    return new AppError(
      this.code,
      this.detail,
      this.errors?.map((e) => ({ ...e, path: `${prefix}.${e.path}` })),
    );
  }
}

/** A field error carrying the sentence, its code and its values. */
export function fieldMessage(path: string, { text, code, params }: Message): FieldError {
  return { path, message: text, ...(code && { code }), ...(params && { params }) };
}

/** `field("cursor", "cursor_invalid:field")`: a field error from the catalogue. */
export function field<K extends MessageKey>(path: string, key: K, ...params: ParamsArg<K>): FieldError {
  return fieldMessage(path, message(key, ...params));
}

/** A record a bulk change leaves out, with the sentence why: `{ id, reason, code, params? }`. */
export function skipEntry(id: string, { text, code, params }: Message) {
  return { id, reason: text, ...(code && { code }), ...(params && { params }) };
}

const refusal =
  (kind: ErrorCode) =>
  <K extends MessageKey>(key: K, ...params: ParamsArg<K>) =>
    new AppError(kind, message(key, ...params));

/** 400 with field errors: `invalidInput(message("cursor_invalid"), [field("cursor", "cursor_invalid:field")])`. */
export const invalidInput = (detail: Message, errors: FieldError[]) =>
  new AppError("validation", detail, errors);
export const unauthenticated = refusal("unauthenticated");
export const forbidden = refusal("forbidden");
export const notFound = refusal("not_found");
export const conflict = refusal("conflict");
/** Someone else saved the record since it was read: `staleVersion("lead")`. */
export const staleVersion = (record: string) =>
  new AppError("stale_version", message("record_changed", { record }));
export const unsupportedMediaType = refusal("unsupported_media_type");
/** 410: it was there and is switched off (a deactivated web form). */
export const gone = refusal("gone");
export const rateLimited = refusal("rate_limited");
export const payloadTooLarge = refusal("payload_too_large");
export const badRequest = refusal("bad_request");
export const ruleViolation = refusal("rule_violation");
/** A rule's refusal in a sentence a domain rule chose already (`lifecycle.message`), with its fields. */
export const ruleViolationOf = (detail: Message, errors?: FieldError[]) =>
  new AppError("rule_violation", detail, errors);
/** 503: the server cannot answer yet (`unavailable("migrations_pending")`). */
export const unavailable = refusal("unavailable");
