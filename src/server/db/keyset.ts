import { AppError } from "@server/errors";
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

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === length) return parsed as CursorValue[];
  } catch {
    // fall through to the error below
  }
  throw new AppError("validation", "The cursor is not valid; start again from the first page", [
    { path: "cursor", message: "Invalid cursor" },
  ]);
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
