import { AppError } from "@server/errors";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { afterCursor, decodeSortedCursor, encodeCursor } from "./keyset";
import { contacts } from "./schema";

const id = contacts.id;
const expr = sql`created_at`;
const someId = "0b9f7c5e-3c1e-4c54-9d6a-1f2e3d4c5b6a";

describe("afterCursor", () => {
  it("accepts the text PostgreSQL gives for each cast", () => {
    expect(() =>
      afterCursor(expr, id, "desc", ["2026-11-23 01:52:36.123456+00", someId], "timestamptz"),
    ).not.toThrow();
    expect(() =>
      afterCursor(expr, id, "asc", ["2026-11-23 07:22:36+05:30", someId], "timestamptz"),
    ).not.toThrow();
    expect(() => afterCursor(expr, id, "asc", ["-1", someId], "numeric")).not.toThrow();
    expect(() => afterCursor(expr, id, "asc", ["48000.00", someId], "numeric")).not.toThrow();
    expect(() => afterCursor(expr, id, "asc", ["42", someId], "int")).not.toThrow();
    expect(() => afterCursor(expr, id, "asc", ["müller anna", someId], "text")).not.toThrow();
  });

  it("refuses values that would fail the cast in SQL (a 400 instead of a 500)", () => {
    for (const [value, cast] of [
      ["müller", "timestamptz"],
      ["2026-11-23 01:52:36+00", "int"],
      ["1e9", "numeric"],
    ] as const) {
      expect(() => afterCursor(expr, id, "asc", [value, someId], cast)).toThrow(AppError);
    }
    expect(() => afterCursor(expr, id, "asc", ["x", "not-a-uuid"], "text")).toThrow(AppError);
    expect(() => afterCursor(expr, id, "asc", ["x", null], "text")).toThrow(AppError);
  });
});

describe("decodeSortedCursor", () => {
  it("gives the value and id of a cursor made under the same sort, and refuses another sort", () => {
    const cursor = encodeCursor(["name", "müller", someId]);
    expect(decodeSortedCursor(cursor, "name")).toEqual(["müller", someId]);
    expect(() => decodeSortedCursor(cursor, "-name")).toThrow(AppError);
    expect(() => decodeSortedCursor(encodeCursor(["müller", someId]), "name")).toThrow(AppError);
  });
});
