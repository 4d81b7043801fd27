import { PassThrough, Readable } from "node:stream";
import { stringify as stringifySync } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { type CellKind, cellFormatter, type Lookups } from "./cell-format";
import { type ExportLocale, uiText } from "./export-labels";
import { neutralizeFormula } from "./formula-guard";

export type ExportFormat = "csv" | "xlsx";

/** One column of a list's export: its key (the `columns=` name and the raw header), label and kind. */
export interface ExportColumn<T> {
  key: string;
  /** i18n path of the header as the UI words it, e.g. `leads.fields.firstName`. */
  label: string;
  /** The header in each language when it is not a UI text (a custom field's label). */
  header?: Record<ExportLocale, string>;
  kind: CellKind;
  value: (row: T) => unknown;
}

export interface ExportPage<T> {
  data: T[];
  nextCursor: string | null;
}

export interface TableExport<T> {
  format: ExportFormat;
  /** `raw` writes keys, codes, ids and ISO text with `,` (the export's shape before issue #17). */
  locale: ExportLocale | "raw";
  columns: readonly ExportColumn<T>[];
  /** The list's own service function: the permission gate and the filters apply as in the list. */
  page: (cursor: string | null) => Promise<ExportPage<T>>;
  /** Names for `ref` columns, loaded once before the walk. */
  lookups: () => Promise<Lookups>;
  /** The sheet's name in an XLSX. */
  sheet: string;
}

/**
 * Every cell with a separator (`,` `;` tab), a quote or a line break is quoted, whatever the
 * delimiter, so a reader that splits on another one keeps the cell whole.
 */
const QUOTE_WHEN = /[;,\t"\r\n]/;

/** German Excel splits on `;` and reads decimal commas; English on `,`. UTF-8 with BOM for both. */
export const DELIMITER = { de: ";", en: ",", raw: "," } as const;
/** The line end of each file: Windows' for the files Excel opens, Unix's for the raw one. */
export const LINE_END = { de: "\r\n", en: "\r\n", raw: "\n" } as const;

const header = <T>(t: Pick<TableExport<T>, "locale">, column: ExportColumn<T>) =>
  t.locale === "raw" ? column.key : (column.header?.[t.locale] ?? uiText(t.locale, column.label));

const csvOptions = (locale: ExportLocale | "raw") =>
  ({
    delimiter: DELIMITER[locale],
    quoted_match: QUOTE_WHEN,
    record_delimiter: locale === "raw" ? "unix" : "windows",
  }) as const;

/**
 * Rows of cell texts as the CSV's lines (the formula guard is the caller's): one writer, csv-stringify,
 * for the JS walk and the lead CSV that PostgreSQL formats (csv-copy.ts).
 */
export const csvLines = (locale: ExportLocale | "raw") => {
  const options = csvOptions(locale);
  return (records: string[][]): string => stringifySync(records, options);
};

/** The BOM and the header row of a CSV (the lead CSV written by PostgreSQL starts with it too). */
export const csvHeader = <T>(t: Pick<TableExport<T>, "locale" | "columns">): string =>
  stringifySync([t.columns.map((c) => header(t, c))], { ...csvOptions(t.locale), bom: true });

/** Walks the list along its keyset, page by page, so memory stays flat whatever the size. */
async function* rows<T>(t: TableExport<T>): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  do {
    const current: ExportPage<T> = await t.page(cursor);
    yield current.data;
    cursor = current.nextCursor;
  } while (cursor);
}

/**
 * The CSV, one chunk per keyset page: each column's formatter is chosen once, and csv-stringify's
 * synchronous form writes the page's rows in one call (no stream events per row). `Readable.from`
 * pulls the next page only when the response has room, so a slow client holds the walk back.
 */
async function* csvChunks<T>(t: TableExport<T>): AsyncGenerator<string> {
  const format = cellFormatter(t.locale, await t.lookups());
  const cells = t.columns.map((c) => {
    const text = format.textOf(c.kind);
    const value = c.value;
    return (row: T) => neutralizeFormula(text(value(row)));
  });
  const lines = csvLines(t.locale);
  // The first page is read before the first byte: a filter the list refuses (an unknown custom
  // field) then answers 400 instead of a download cut off after its header row.
  const pages = rows(t);
  const first = await pages.next();
  yield csvHeader(t);
  const text = (page: T[]) => lines(page.map((row) => cells.map((cell) => cell(row))));
  if (!first.done && first.value.length > 0) yield text(first.value);
  for await (const page of pages) if (page.length > 0) yield text(page);
}

const NO_STYLE: Partial<ExcelJS.Style> = {};
const NUMBER_FORMATS: Record<string, string> = { number: "#,##0.######", money: "#,##0.00" };
const DATE_FORMATS = {
  de: { date: "dd.mm.yyyy", dateTime: "dd.mm.yyyy hh:mm" },
  en: { date: "dd/mm/yyyy", dateTime: "dd/mm/yyyy hh:mm" },
  raw: { date: "yyyy-mm-dd", dateTime: "yyyy-mm-dd hh:mm" },
} as const;

/**
 * The XLSX is written with ExcelJS's streaming WorkbookWriter: each row is committed (and its XML
 * leaves memory) as soon as it is added; inline strings instead of a shared-string table, which
 * would grow with the file. Text goes into text cells, never formulas, so Excel evaluates nothing
 * and the text stays exactly as stored (no apostrophe needed, unlike CSV, where Excel guesses).
 * After each page the writer waits for the response to drain, so a slow client does not make the
 * file pile up in memory.
 */
async function writeXlsx<T>(t: TableExport<T>, out: PassThrough): Promise<void> {
  const format = cellFormatter(t.locale, await t.lookups());
  // As for the CSV: a refused filter answers 400 before the workbook writes its first byte.
  const pages = rows(t);
  const first = await pages.next();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const cells = t.columns.map((c) => {
    const typed = format.typedOf(c.kind);
    const value = c.value;
    return (row: T) => typed(value(row));
  });
  const sheet = workbook.addWorksheet(t.sheet.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  const dates = DATE_FORMATS[t.locale];
  const styles: Partial<ExcelJS.Style>[] = t.columns.map((c) =>
    t.locale === "raw"
      ? NO_STYLE
      : c.kind.type === "date" || c.kind.type === "dateTime"
        ? { numFmt: dates[c.kind.type] }
        : NUMBER_FORMATS[c.kind.type]
          ? { numFmt: NUMBER_FORMATS[c.kind.type] }
          : NO_STYLE,
  );
  sheet.columns = t.columns.map((c, i) => ({
    header: header(t, c),
    key: c.key,
    width: Math.min(40, Math.max(12, header(t, c).length + 2)),
    style: styles[i] ?? NO_STYLE,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const rest = async function* () {
    if (!first.done) yield first.value;
    yield* pages;
  };
  for await (const page of rest()) {
    for (const row of page) {
      const added = sheet.addRow(cells.map((cell) => cell(row)));
      // One style object per column, shared by its cells: ExcelJS gives each cell a copy, and then
      // works each copy out again on commit (a third of the XLSX's time); a shared one it knows.
      for (let i = 0; i < styles.length; i++) added.getCell(i + 1).style = styles[i] ?? NO_STYLE;
      added.commit();
    }
    if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
  }
  sheet.commit();
  await workbook.commit();
}

/** The list as a stream of the file's bytes. Errors end the stream (the answer is then cut off). */
export function exportTable<T>(t: TableExport<T>): Readable {
  // One page's text at most waits in the stream: Readable.from reads ahead 16 chunks by default, which
  // held 16 pages in memory whenever the client was slower than the database.
  if (t.format === "csv") return Readable.from(csvChunks(t), { highWaterMark: 1 });
  const out = new PassThrough();
  writeXlsx(t, out).catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Response headers of a download named `<name>-<date>.<format>`. */
export function exportHeaders(name: string, format: ExportFormat): Record<string, string> {
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    "content-type": CONTENT_TYPES[format],
    "content-disposition": `attachment; filename="${name}-${stamp}.${format}"`,
  };
}
