import type { MessageParams } from "@shared/message-codes";

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
  /** English, for API clients; the UI words it from `code` (src/shared/message-codes.ts). */
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

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }
}

export const notFound = (what = "Record") => new AppError("not_found", `${what} not found`);
export const forbidden = (detail = "You are not allowed to do this") => new AppError("forbidden", detail);
export const fieldError = (code: ErrorCode, path: string, message: string) =>
  new AppError(code, message, [{ path, message }]);
