import { describe, expect, it } from "vitest";
import { connectionFailure, isConnectionError, isDiskFull, isUniqueViolation } from "./errors";

/** What node-postgres throws: an Error with the SQLSTATE (or the socket's code) as `code`. */
const driverError = (message: string, code?: string) =>
  Object.assign(new Error(message), code ? { code } : {});
/** What Drizzle throws around it. */
const wrapped = (cause: unknown) => new Error("Failed query: insert into leads … params: secret", { cause });

describe("isConnectionError", () => {
  it("recognises a server that shut down, crashed or is starting, behind Drizzle's wrapper", () => {
    for (const code of ["57P01", "57P02", "57P03", "08006", "08001", "53300"]) {
      expect(isConnectionError(wrapped(driverError("server went away", code)))).toBe(true);
    }
  });

  it("recognises a refused connection, also when Node reports several addresses at once", () => {
    const refused = driverError("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED");
    expect(isConnectionError(refused)).toBe(true);
    expect(isConnectionError(new AggregateError([refused], "connect failed"))).toBe(true);
  });

  it("recognises the driver's messages for a lost or unobtainable connection", () => {
    for (const message of [
      "Connection terminated unexpectedly",
      "Client has encountered a connection error and is not queryable",
      "timeout exceeded when trying to connect",
    ]) {
      expect(isConnectionError(wrapped(driverError(message)))).toBe(true);
    }
  });

  it("leaves refused statements and bugs alone", () => {
    expect(isConnectionError(wrapped(driverError("duplicate key", "23505")))).toBe(false);
    expect(isUniqueViolation(wrapped(driverError("duplicate key", "23505")))).toBe(true);
    expect(isConnectionError(new TypeError("x is undefined"))).toBe(false);
    expect(isConnectionError("not an error")).toBe(false);
  });

  it("names the driver's words, never the wrapper's statement and parameters", () => {
    const error = wrapped(driverError("terminating connection due to administrator command", "57P01"));
    expect(connectionFailure(error)).toBe("terminating connection due to administrator command");
  });
});

describe("isDiskFull", () => {
  it("recognises disk_full (53100) behind Drizzle's wrapper and the file system's ENOSPC", () => {
    const pglite = driverError('could not extend file "base/5/16384": No space left on device', "53100");
    expect(isDiskFull(wrapped(pglite))).toBe(true);
    expect(isDiskFull(driverError("ENOSPC: no space left on device, write", "ENOSPC"))).toBe(true);
  });

  it("is not any other failure", () => {
    expect(isDiskFull(wrapped(driverError("duplicate key", "23505")))).toBe(false);
    expect(isDiskFull(wrapped(driverError("server went away", "57P01")))).toBe(false);
    expect(isDiskFull(new Error("No space left on device"))).toBe(false);
  });
});
