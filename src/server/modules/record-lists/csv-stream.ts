import { stringify } from "csv-stringify";

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * A cell that starts with = + - @ (or tab / carriage return) would be run as a formula by Excel and
 * LibreOffice (CSV injection, OWASP); a leading apostrophe makes it plain text. The same goes for
 * such a character right after a separator or line break inside the cell: Excel takes a quote as
 * a quote only at the start of a field, so when it splits our comma-separated lines on `;` (German
 * Excel) or tab, `x;=cmd` inside a quoted cell still starts a cell `=cmd` (issue #14).
 */
export function neutralizeFormula(value: string): string {
  return value.replace(/(^|[;,\t\r\n])(?=[=+\-@\t\r])/g, "$1'");
}

/**
 * Every cell with a separator (`,` `;` tab), a quote or a line break is quoted, whatever the
 * delimiter, so a reader that splits on the right one keeps the cell whole.
 */
const QUOTE_WHEN = /[;,\t"\r\n]/;

/**
 * Streams a list as CSV page by page along its keyset (the same walk as the leads export), so memory
 * stays flat whatever the size; every cell is made formula-safe. `page` runs the list's own service
 * function, so the permission gate and filters apply as in the list.
 */
export async function* streamCsv<T>(
  columns: readonly string[],
  page: (cursor: string | null) => Promise<Page<T>>,
  flatten: (item: T) => Record<string, unknown>,
): AsyncGenerator<string> {
  const stringifier = stringify({ header: true, columns: [...columns], bom: true, quoted_match: QUOTE_WHEN });
  const chunks: string[] = [];
  stringifier.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const flush = () => chunks.splice(0).join("");

  let cursor: string | null = null;
  do {
    const current: Page<T> = await page(cursor);
    for (const item of current.data) {
      const flat = flatten(item);
      const record: Record<string, string> = {};
      for (const column of columns) {
        const value = flat[column];
        record[column] = neutralizeFormula(value === null || value === undefined ? "" : String(value));
      }
      stringifier.write(record);
    }
    await new Promise((resolve) => setImmediate(resolve));
    yield flush();
    cursor = current.nextCursor;
  } while (cursor);
  stringifier.end();
  await new Promise((resolve) => stringifier.on("end", resolve));
  yield flush();
}

/** Response headers of a CSV download named `<name>-<date>.csv`. */
export function csvHeaders(name: string): Record<string, string> {
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}-${stamp}.csv"`,
  };
}
