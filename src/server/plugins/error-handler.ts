import { connectionFailure } from "@server/db/errors";
import { AppError, ERROR_TABLE, type ErrorCode, type FieldError, problemType } from "@server/errors";
import { type CodedMessage, codeOfIssue, messageCodeOf, REQUEST_CODES } from "@shared/message-codes";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

/** Seconds a client should wait before retrying a 503 (a database restart takes a few). */
export const RETRY_AFTER_S = 5;

/**
 * Answers problem+json. Besides RFC 9457's members the body carries `code` (and `params`) of the `detail`
 * sentence when it has one (src/shared/message-codes.ts), so the web UI can word it in the user's
 * language; `detail` itself stays English for API clients. `coded` names the code where the sentence is
 * not ours (Fastify's own texts).
 */
export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  coded: CodedMessage | undefined = messageCodeOf(detail),
) {
  const { status, title } = ERROR_TABLE[code];
  // A 503 is temporary (RFC 9110 §15.6.4): say when to try again.
  if (status === 503) reply.header("retry-after", String(RETRY_AFTER_S));
  const codedErrors = errors?.map((e) => {
    if (e.code) return e;
    const derived = messageCodeOf(e.message);
    return derived ? { ...e, ...derived } : e;
  });
  return reply
    .code(status)
    .type("application/problem+json")
    .send({
      type: problemType(code),
      title,
      status,
      detail,
      ...(coded && { code: coded.code, ...(coded.params && { params: coded.params }) }),
      ...(codedErrors?.length ? { errors: codedErrors } : {}),
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

const FRIENDLY_DETAIL: Partial<Record<ErrorCode, string>> = {
  payload_too_large: "The request body is larger than the server accepts (1 MiB)",
  unsupported_media_type: "Send the body as application/json",
  csrf: "The X-CSRF-Token header is missing or no longer valid; reload the page and try again",
  rate_limited: "Too many attempts; please wait a moment and try again",
};

/** Zod issue path (e.g. ["bant", "budget", "amount"]) → "bant.budget.amount". */
const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error.code, error.message, error.errors);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      const errors = error.validation.flatMap((v) => {
        const path = v.instancePath.split("/").filter(Boolean);
        // An unknown field is reported under its own name, so the client sees which one to drop.
        const keys = v.keyword === "unrecognized_keys" ? v.params.keys : undefined;
        if (Array.isArray(keys)) {
          return keys.map((key) => ({
            path: dotted([...path, String(key)]),
            message: "Unknown field",
            code: "unknown_field",
          }));
        }
        const message = v.message ?? "Invalid value";
        const coded =
          messageCodeOf(message) ?? codeOfIssue({ keyword: v.keyword, message, params: v.params });
        return [{ path: dotted(path) || where, message, ...coded }];
      });
      return sendProblem(
        reply,
        "validation",
        errors.length === 1 ? `The ${where} has an invalid field` : `The ${where} has invalid fields`,
        errors,
      );
    }

    const fastifyCode =
      "code" in error && typeof error.code === "string" ? FASTIFY_CODES[error.code] : undefined;
    const statusCode = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
    const code: ErrorCode | undefined =
      fastifyCode ?? (statusCode === 429 ? "rate_limited" : statusCode === 400 ? "bad_request" : undefined);

    if (code && !isResponseSerializationError(error)) {
      const friendly = FRIENDLY_DETAIL[code];
      if (friendly) return sendProblem(reply, code, friendly);
      // Fastify's own sentence (e.g. where the JSON broke): coded by its kind, not by its wording.
      const requestCode =
        "code" in error && typeof error.code === "string" && Object.hasOwn(REQUEST_CODES, error.code)
          ? REQUEST_CODES[error.code as keyof typeof REQUEST_CODES]
          : REQUEST_CODES.other;
      return sendProblem(
        reply,
        code,
        error.message,
        undefined,
        messageCodeOf(error.message) ?? { code: requestCode },
      );
    }
    const failure = connectionFailure(error);
    if (failure) return sendDatabaseUnavailable(request, reply, failure);
    // Unexpected: log everything, tell the client nothing internal.
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, "internal", `Something went wrong on our side (request ${request.id})`);
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
  return sendProblem(reply, "unavailable", "The database is unavailable; please try again in a moment");
}
