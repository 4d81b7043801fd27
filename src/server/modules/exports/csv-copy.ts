import type { ServiceContext } from "@server/context";
import { type CopyEnd, copyRowsOut, type RowSink } from "@server/db/copy-out";
import type { CursorValue } from "@server/db/keyset";
import { leadExportStatements } from "@server/modules/leads/lead-query.service";
import type { CustomFieldDefinition } from "@shared/schemas/custom-field";
import type { LeadListQuery } from "@shared/schemas/lead";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { type CellSql, cellSql } from "./csv-sql";
import type { ExportLocale } from "./export-labels";
import { loadExportLookups } from "./export-lookups.repository";
import { neutralizeFormula } from "./formula-guard";
import { LEAD_CELL_SQL, leadCustomFieldSql } from "./lead-cells.repository";
import { csvHeader, csvLines, type ExportColumn } from "./table-export";

/**
 * Rows per COPY statement. Each page is its own statement and snapshot, as the JS path's pages are:
 * none holds a snapshot (and the vacuum horizon) for the minutes a million rows may take to reach a
 * slow client, and a page's rows wait in the socket, not in the app. 50,000 rows take well under a
 * second of database time, so the page queries' planning (~4 ms each) is noise.
 */
export const COPY_PAGE = 50_000;

/**
 * A page walks the list's index in the list's order, as the list's own pages do. For 50,000 of 110,000
 * leads the planner preferred a parallel scan of the whole table and an external sort (15 MB on disk),
 * again for every page, which at a million leads makes the walk quadratic (BENCHMARKS.md).
 */
const INDEX_ORDER = ["enable_sort = off"];

export interface LeadCsvCopy<T> {
  locale: ExportLocale | "raw";
  columns: readonly ExportColumn<T>[];
  definitions: readonly CustomFieldDefinition[];
  /** The list's filters, search and sort, as the export route took them. */
  query: Omit<LeadListQuery, "limit" | "cursor">;
}

/**
 * The CSV lines of COPY rows whose fields are the cells' texts (and, at the end, `tail` fields for the
 * cursor): each cell guarded (formula-guard.ts) and written by csv-stringify, as the JS path writes
 * its cells (table-export.ts), one Buffer per COPY chunk. The cells are read as Latin-1, one string
 * per chunk and a slice per cell, and the lines written back as Latin-1: that gives back the UTF-8
 * bytes as they came, since the guard and csv-stringify look for and insert ASCII characters only and
 * no byte of a multi-byte UTF-8 character is ASCII. Decoding each cell as UTF-8 cost a fifth of the
 * app's CPU.
 */
export function csvRowSink(locale: ExportLocale | "raw", tail: number): RowSink<Buffer> {
  const lines = csvLines(locale);
  let records: string[][] = [];
  let chunk: Buffer | null = null;
  let text = "";
  return {
    tail,
    add(buf, at, fields) {
      if (buf !== chunk) {
        chunk = buf;
        text = buf.toString("latin1");
      }
      const cells = fields - tail;
      const record = new Array<string>(cells);
      let pos = at + 2;
      for (let f = 0; f < cells; f++) {
        const length = buf.readInt32BE(pos);
        pos += 4;
        record[f] = length > 0 ? neutralizeFormula(text.slice(pos, pos + length)) : "";
        if (length > 0) pos += length;
      }
      records.push(record);
    },
    take() {
      chunk = null;
      text = "";
      if (records.length === 0) return null;
      const out = Buffer.from(lines(records), "latin1");
      records = [];
      return out;
    },
  };
}

/** A custom field column's SQL (`cf.<key>`, and `cf.<key>.currency` beside a money field's amount). */
function customFieldSource(key: string, definitions: readonly CustomFieldDefinition[]) {
  const name = key.slice("cf.".length);
  const field = definitions.find((d) => d.key === name);
  if (field) return leadCustomFieldSql(field.key, field.type === "money" ? "amount" : undefined);
  const money = definitions.find((d) => d.type === "money" && `${d.key}.currency` === name);
  return money ? leadCustomFieldSql(money.key, "currency") : null;
}

/**
 * The lead CSV written by PostgreSQL (issue #17: a million rows at ≥ 100,000 rows/s): each keyset page
 * of the list's own page query (`leadExportStatements`: gate, filters, search, sort, restricted leads
 * left out) becomes one `COPY (SELECT <the CSV line> …)`, every cell formatted in SQL as the JS path
 * formats it (csv-sql.ts); the app writes the BOM and the header row, guards the cells against
 * formulas and has csv-stringify quote and join them, as the JS path does.
 * Null when a column or the sort has no SQL form: the caller then takes the JS path.
 */
export async function leadCsvByCopy<T>(
  ctx: ServiceContext,
  pool: pg.Pool,
  t: LeadCsvCopy<T>,
): Promise<AsyncGenerator<string | Buffer> | null> {
  // A smaller page only for the test that walks several (csv-copy.postgres.test.ts).
  const size = Number(process.env.LEADWERK_EXPORT_COPY_PAGE) || COPY_PAGE;
  const statements = await leadExportStatements(ctx, { ...t.query, limit: size } as LeadListQuery);
  if (!statements) return null;
  const lookups = await loadExportLookups(ctx.db);
  const cells: CellSql[] = [];
  for (const column of t.columns) {
    const source = column.key.startsWith("cf.")
      ? customFieldSource(column.key, t.definitions)
      : LEAD_CELL_SQL[column.key];
    const cell = source ? cellSql(column.kind, source, t.locale, lookups) : null;
    if (!cell) return null;
    cells.push(cell);
  }
  // The page's rows as stored (the list's statement, named leads, so the cells' column references
  // read it), then their cells, formatted after the page's sort and limit: a sort carries the rows,
  // not their text. The app guards and quotes the cells (csvRowSink).
  const select = sql.join(
    cells.map((cell) => cell.text),
    sql`, `,
  );
  const page = (cursor: CursorValue[] | null) =>
    sql`select ${select}, leads.id::text, leads."sortKey" from (${statements(sql`leads.*`, cursor, size)}) leads`;
  const sink = csvRowSink(t.locale, 2);

  return (async function* () {
    yield csvHeader(t);
    let cursor: CursorValue[] | null = null;
    for (;;) {
      const rows: AsyncGenerator<Buffer, CopyEnd> = copyRowsOut(pool, page(cursor), sink, INDEX_ORDER);
      let next: IteratorResult<Buffer, CopyEnd> = await rows.next();
      while (!next.done) {
        yield next.value;
        next = await rows.next();
      }
      const { rows: count, last } = next.value;
      if (count < size || !last) return;
      cursor = [last[1] ?? null, last[0] ?? null];
    }
  })();
}
