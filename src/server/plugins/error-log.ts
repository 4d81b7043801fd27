/**
 * What an error log line may hold. Errors from the database carry the statement's parameters, which
 * are record data (names, emails, notes): Drizzle's DrizzleQueryError has them in `params` and in its
 * message and stack ("Failed query: … params: …"), the drivers' errors in `params`, `detail`
 * ("Key (email)=(…) already exists") and in the quoted values of their message. The log keeps what
 * finds the fault (kind, SQLSTATE, statement text, server routine, stack frames) and none of that data.
 */
import { DrizzleQueryError } from "drizzle-orm";

// A type, not an interface: pino's serializer type wants an index signature, which only types get implicitly.
export type LoggedError = {
  type: string;
  message: string;
  code?: string;
  routine?: string;
  /** Names, not values: the table, column and constraint PostgreSQL reports. */
  table?: string;
  column?: string;
  constraint?: string;
  query?: string;
  stack: string;
  cause?: LoggedError;
};

const MAX_DEPTH = 4;

const field = (error: object, key: string): string | undefined => {
  const value: unknown = (error as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
};

/** PostgreSQL quotes the offending value (`invalid input syntax for type integer: "…"`); keep it out. */
const withoutQuotedValues = (message: string) => message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');

function loggable(error: unknown, depth: number): LoggedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: "(not an Error)", stack: "(not an Error)" };
  }
  const code = field(error, "code");
  const isSqlError = code !== undefined && /^[0-9A-Z]{5}$/.test(code);
  const query = field(error, "query");
  const message =
    error instanceof DrizzleQueryError
      ? "Failed query"
      : isSqlError
        ? withoutQuotedValues(error.message)
        : error.message;
  // A stack starts with the message (params included for Drizzle): keep only the frames.
  const frames = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  const names = Object.fromEntries(
    (["routine", "table", "column", "constraint"] as const).flatMap((key) => {
      const value = isSqlError ? field(error, key) : undefined;
      return value === undefined ? [] : [[key, value]];
    }),
  );
  return {
    type: error.constructor.name,
    message,
    ...(code !== undefined ? { code } : {}),
    ...names,
    ...(query !== undefined ? { query } : {}),
    stack: frames ? `${error.name}: ${message}\n${frames}` : `${error.name}: ${message}`,
    ...(error.cause !== undefined && depth < MAX_DEPTH ? { cause: loggable(error.cause, depth + 1) } : {}),
  };
}

/** The pino serializer of `err` for every log line of the app (set in app.ts). */
export function errorForLog(error: unknown): LoggedError {
  return loggable(error, 0);
}
