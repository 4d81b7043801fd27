/** PostgreSQL error codes (SQLSTATE) we react to; Drizzle wraps driver errors, so look at the cause too. */
function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 3; depth++) {
    if (typeof e === "object" && "code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      return e.code;
    }
    e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === "23505";
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === "23503";
export const isSerializationFailure = (error: unknown) => sqlState(error) === "40001";
