import { field, invalidInput } from "@server/errors";
import { message } from "@shared/message-codes";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * Keyset ("seek") pagination: the cursor carries the last row's sort value and id, and the next page
 * starts strictly after that pair. Unlike OFFSET it costs the same on page 1 and page 20,000, as long
 * as an index on (sort column, id) exists.
 */
export type CursorValue = string | number | boolean | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export const invalidCursor = () =>
  invalidInput(message("cursor_invalid"), [field("cursor", "cursor_invalid:field")]);

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === length) return parsed as CursorValue[];
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/**
 * A cursor of a list sorted by `sort`: [sort, value, id]. One taken from the same list under another
 * sort (a client that keeps the cursor when the user re-sorts) is refused instead of paging wrongly.
 */
export function decodeSortedCursor(cursor: string, sort: string): CursorValue[] {
  const [cursorSort, value, id] = decodeCursor(cursor, 3);
  if (cursorSort !== sort) throw invalidCursor();
  return [value ?? null, id ?? null];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,3})?$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day of years 1 to 9999 (PostgreSQL refuses 2026-02-30 and year 0 with an error). */
function isCalendarDay(year: string, month: string, day: string): boolean {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
  return y >= 1 && d >= 1 && d <= days;
}

/**
 * Whether PostgreSQL casts `value` to `cast` without an error: the text output of the cast types, in
 * range, so a foreign or tampered cursor is a 400 rather than a failed cast (500). Exported for the
 * timeline's own cursor.
 */
export function castsCleanly(value: string, cast: string): boolean {
  // PostgreSQL text cannot hold a NUL character at all.
  if (value.includes("\u0000")) return false;
  switch (cast) {
    case "timestamptz": {
      const m = TIMESTAMP.exec(value);
      if (!m) return false;
      const [
        ,
        year = "",
        month = "",
        day = "",
        hour,
        minute,
        second,
        ,
        offsetHours,
        offsetMinutes,
        offsetSeconds,
      ] = m;
      return (
        isCalendarDay(year, month, day) &&
        Number(hour) < 24 &&
        Number(minute) < 60 &&
        Number(second) < 60 &&
        Number(offsetHours ?? 0) <= 15 &&
        Number(offsetMinutes ?? 0) < 60 &&
        Number(offsetSeconds ?? 0) < 60
      );
    }
    case "date": {
      const m = DATE.exec(value);
      return m !== null && isCalendarDay(m[1] ?? "", m[2] ?? "", m[3] ?? "");
    }
    case "int":
      return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2_147_483_647;
    case "numeric":
      return /^-?\d{1,20}(\.\d{1,20})?$/.test(value);
    case "double precision": {
      if (!NUMBER.test(value)) return false;
      const n = Number(value);
      // Out of range either way: too large (Infinity) or a non-zero number too small (0).
      return Number.isFinite(n) && (n !== 0 || !/[1-9]/.test(value.replace(/e.*$/i, "")));
    }
    case "boolean":
      return value === "true" || value === "false";
    default:
      return true;
  }
}

function assertCursorValues(
  sortValue: CursorValue | undefined,
  idValue: CursorValue | undefined,
  cast: string,
) {
  if (typeof idValue !== "string" || !UUID.test(idValue)) throw invalidCursor();
  if (sortValue === null || sortValue === undefined) return;
  if (typeof sortValue !== "string" && typeof sortValue !== "number") throw invalidCursor();
  if (!castsCleanly(String(sortValue), cast)) throw invalidCursor();
}

/** WHERE part "after the cursor" for ORDER BY sortColumn <dir>, id <dir>. */
export function afterCursor(
  sortExpr: AnyColumn | SQL,
  idColumn: AnyColumn,
  direction: "asc" | "desc",
  values: CursorValue[],
  /** SQL type of the sort value: cursors carry text, and timestamps must keep their microseconds. */
  cast = "text",
): SQL {
  const [sortValue, idValue] = values;
  assertCursorValues(sortValue, idValue, cast);
  const typed = sql`cast(${sortValue} as ${sql.raw(cast)})`;
  return direction === "asc"
    ? sql`(${sortExpr}, ${idColumn}) > (${typed}, cast(${idValue} as uuid))`
    : sql`(${sortExpr}, ${idColumn}) < (${typed}, cast(${idValue} as uuid))`;
}

/** Fetch limit + 1 rows, return the page and the cursor of its last row when more rows follow. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[]) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return { data, nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}

/** `-createdAt` → createdAt descending; `name` → name ascending. */
export function parseSort(sort: string): { field: string; direction: "asc" | "desc" } {
  return sort.startsWith("-")
    ? { field: sort.slice(1), direction: "desc" }
    : { field: sort, direction: "asc" };
}

/** A sort key: its SQL expression (matching an index) and the SQL type its cursor value is cast to. */
export interface SortKey {
  expr: SQL;
  cast: string;
}

/** The "after the cursor" condition (when paging on) and the ORDER BY of one keyset page. */
export function keysetClauses(
  key: SortKey,
  idColumn: AnyColumn,
  direction: "asc" | "desc",
  cursor: CursorValue[] | null,
): { after: SQL | undefined; orderBy: SQL } {
  const after = cursor
    ? afterCursor(key.expr, idColumn, direction, [cursor[0] ?? null, cursor[1] ?? null], key.cast)
    : undefined;
  const orderBy =
    direction === "asc" ? sql`${key.expr} asc, ${idColumn} asc` : sql`${key.expr} desc, ${idColumn} desc`;
  return { after, orderBy };
}
