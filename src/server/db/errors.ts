/** The error and what it wraps: Drizzle puts the driver's error in `cause`, Node's connect may throw an AggregateError. */
function* errorChain(error: unknown, depth = 0): Generator<object> {
  if (!error || typeof error !== "object" || depth > 4) return;
  yield error;
  if ("cause" in error) yield* errorChain(error.cause, depth + 1);
  if (error instanceof AggregateError) for (const inner of error.errors) yield* errorChain(inner, depth + 1);
}

const codeOf = (e: object): string | undefined =>
  "code" in e && typeof e.code === "string" ? e.code : undefined;

/** PostgreSQL error codes (SQLSTATE) we react to; Drizzle wraps driver errors, so look at the cause too. */
function sqlState(error: unknown): string | undefined {
  for (const e of errorChain(error)) {
    const code = codeOf(e);
    if (code && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === "23505";

/** The constraint (or unique index) a violation names, as the driver reports it. */
export function violatedConstraint(error: unknown): string | undefined {
  for (const e of errorChain(error))
    if ("constraint" in e && typeof e.constraint === "string") return e.constraint;
  return undefined;
}

/** A second record with the same `externalId` (the `<table>_external_id_key` unique indexes, issue #22). */
export const isExternalIdTaken = (error: unknown) =>
  isUniqueViolation(error) && (violatedConstraint(error)?.endsWith("_external_id_key") ?? false);
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === "23503";
export const isSerializationFailure = (error: unknown) => sqlState(error) === "40001";
export const isUndefinedTable = (error: unknown) => sqlState(error) === "42P01";

/**
 * The database's disk is full: SQLSTATE 53100 (disk_full: "could not extend file …: No space left on
 * device", PGlite and PostgreSQL alike) or the file system's own ENOSPC.
 */
export function isDiskFull(error: unknown): boolean {
  for (const e of errorChain(error)) {
    const code = codeOf(e);
    if (code === "53100" || code === "ENOSPC") return true;
  }
  return false;
}

/**
 * SQLSTATEs of a server that went away or is not there yet: class 08 (connection exception),
 * 57P01–57P03 (shut down by the administrator, crashed, starting up or shutting down), 53300
 * (too many connections). https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
/** The socket's own failures, when the server cannot be reached at all. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** node-postgres reports a lost or unobtainable connection by these messages, without a code. */
const DRIVER_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect)/;

/**
 * Whether the database could not be reached or dropped the connection (a restart, a failover, a
 * network fault), as opposed to refusing the statement. Such a failure is temporary: the request is
 * answered 503 with Retry-After, and the pool opens new connections once the server is back.
 */
export const isConnectionError = (error: unknown): boolean => connectionFailure(error) !== undefined;

/**
 * The driver's own words for a connection failure ("terminating connection due to administrator
 * command", "connect ECONNREFUSED …"), or undefined for any other error. Worth logging where the
 * whole error is not: Drizzle's wrapper repeats the statement with its parameters.
 */
export function connectionFailure(error: unknown): string | undefined {
  for (const e of errorChain(error)) {
    const code = codeOf(e);
    const message = e instanceof Error ? e.message : "";
    if (code && (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code))) return message || code;
    if (DRIVER_MESSAGES.test(message)) return message;
  }
  return undefined;
}
