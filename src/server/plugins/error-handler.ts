import { connectionFailure, isDiskFull, isExternalIdTaken } from "@server/db/errors";
import { AppError, ERROR_TABLE, type ErrorCode, type FieldError, field, problemType } from "@server/errors";
import {
  codeOfIssue,
  type Message,
  message,
  messageCodeOf,
  type PlainMessageKey,
  REQUEST_CODES,
} from "@shared/message-codes";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

/** Seconds a client should wait before retrying a 503 (a database restart takes a few). */
export const RETRY_AFTER_S = 5;

/**
 * Answers problem+json. Besides RFC 9457's members the body carries `code` (and `params`) of the `detail`
 * sentence when it has one (the catalogue in src/shared/message-codes.ts), so the web UI can word it in
 * the user's language; `detail` itself stays English for API clients.
 */
export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: Message, errors?: FieldError[]) {
  const { status, title } = ERROR_TABLE[code];
  // A 503 is temporary (RFC 9110 §15.6.4): say when to try again.
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_S));
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: problemType(code),
      title,
      status,
      detail: detail.text,
      ...(detail.code && { code: detail.code, ...(detail.params && { params: detail.params }) }),
      ...(errors?.length ? { errors } : {}),
    });
}

/** Fastify's own error codes, translated into our kinds; anything unlisted is a 500. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
  FST_ERR_CTP_EMPTY_JSON_BODY: "bad_request",
  FST_ERR_CTP_INVALID_JSON_BODY: "bad_request",
  FST_CSRF_INVALID_TOKEN: "csrf",
  FST_CSRF_MISSING_SECRET: "csrf",
  FST_ERR_VALIDATION: "validation",
};

const FRIENDLY_DETAIL: Partial<Record<ErrorCode, PlainMessageKey>> = {
  payload_too_large: "body_too_large",
  unsupported_media_type: "body_not_json",
  csrf: "csrf_invalid",
  rate_limited: "rate_limited",
};

/** Zod issue path (e.g. ["bant", "budget", "amount"]) → "bant.budget.amount". */
const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error.code, error.detail, error.errors);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      const errors = error.validation.flatMap((v) => {
        const path = v.instancePath.split("/").filter(Boolean);
        // An unknown field is reported under its own name, so the client sees which one to drop.
        const keys = v.keyword === "unrecognized_keys" ? v.params.keys : undefined;
        if (Array.isArray(keys)) {
          return keys.map((key) => ({
            path: dotted([...path, String(key)]),
            message: message("unknown_field").text,
            code: "unknown_field",
          }));
        }
        // A schema's own message (written with `msg`) is read back into its code; zod's by its kind.
        const text = v.message ?? message("invalid").text;
        const coded =
          messageCodeOf(text) ?? codeOfIssue({ keyword: v.keyword, message: text, params: v.params });
        return [{ path: dotted(path) || where, message: text, ...coded }];
      });
      const detail = message(errors.length === 1 ? "request_invalid_field" : "request_invalid_fields", {
        part: where,
      });
      return sendProblem(reply, "validation", detail, errors);
    }

    const fastifyCode =
      "code" in error && typeof error.code === "string" ? FASTIFY_CODES[error.code] : undefined;
    const statusCode = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
    const code: ErrorCode | undefined =
      fastifyCode ?? (statusCode === 429 ? "rate_limited" : statusCode === 400 ? "bad_request" : undefined);

    if (code && !isResponseSerializationError(error)) {
      const friendly = FRIENDLY_DETAIL[code];
      if (friendly) return sendProblem(reply, code, message(friendly));
      // Fastify's own sentence (e.g. where the JSON broke): coded by its kind, not by its wording.
      const requestCode =
        "code" in error && typeof error.code === "string" && Object.hasOwn(REQUEST_CODES, error.code)
          ? REQUEST_CODES[error.code as keyof typeof REQUEST_CODES]
          : REQUEST_CODES.other;
      return sendProblem(reply, code, {
        text: error.message,
        ...(messageCodeOf(error.message) ?? { code: requestCode }),
      });
    }
    // Any create or change that sets an externalId another record has (POST, PATCH, batch, import).
    if (isExternalIdTaken(error))
      return sendProblem(reply, "conflict", message("external_id_taken"), [
        field("externalId", "external_id_taken"),
      ]);
    if (isDiskFull(error)) {
      // One short line, without the statement and its values (the record's data).
      request.log.warn("database storage full: the write was refused; free space in the data folder");
      request.server.database.storage?.forget();
      return sendProblem(reply, "unavailable", message("storage_full"));
    }
    const failure = connectionFailure(error);
    if (failure) return sendDatabaseUnavailable(request, reply, failure);
    // Unexpected: log everything, tell the client nothing internal.
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, "internal", message("internal_error", { requestId: request.id }));
  });
}

/**
 * The database went away (restart, failover, network): the one place such failures become an answer,
 * 503 with Retry-After, so clients and load balancers retry instead of reporting a bug. A write answered
 * so was not acknowledged (it may still have committed when only the answer to its COMMIT was lost).
 */
function sendDatabaseUnavailable(request: FastifyRequest, reply: FastifyReply, failure: string) {
  // One short line per request: during an outage every request fails alike.
  request.log.warn({ failure }, "database unavailable");
  return sendProblem(reply, "unavailable", message("database_unavailable"));
}
