import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { AppError, ruleViolation } from "@server/errors";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

/** The bounds of a file: what a spreadsheet may hold, so no upload can stall the server. */
export const FILE_LIMITS = {
  maxBytes: 200 * 1024 * 1024,
  /** Excel's own row limit. */
  maxRows: 1_048_576,
  maxColumns: 500,
  /** A cell longer than this is no CRM value (a 10 MB cell is refused, naming its row and column). */
  maxCellChars: 32_767,
  /** An XLSX's unpacked size: a zip bomb stops here. */
  maxUnpackedBytes: 1024 * 1024 * 1024,
  /** An XLSX unpacking to more than this many times its size is refused as a bomb. */
  maxPackRatio: 100,
} as const;

export type Delimiter = ";" | "," | "\t";
export const DELIMITERS: readonly Delimiter[] = [";", ",", "\t"];

export interface DetectedFile {
  format: "csv" | "xlsx";
  encoding: "utf-8" | "windows-1252" | null;
  delimiter: Delimiter | null;
  sheet: string | null;
}

/** Where a reading error sits in the file (1-based; the header is row 1, as Excel counts). */
const at = (error: AppError) => error.at("file");

const SAMPLE_BYTES = 64 * 1024;

async function headBytes(path: string, length = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const isZip = (head: Buffer) => head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;

/** Valid UTF-8 in the sample (a multi-byte character cut at the sample's end is allowed). */
function isUtf8(sample: Buffer, whole: boolean): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    decoder.decode(sample, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/** The separator found most often, and as often, on the first lines (outside quotes). */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .slice(0, 20);
  let best: Delimiter = ",";
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => line.replace(/"[^"]*"/g, "").split(delimiter).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const steady = counts.filter((c) => c === first).length;
    const score = steady * 1000 + first;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Looks at the file's start: an XLSX (a zip), or a CSV's encoding (UTF-8 with or without BOM, else
 * Windows-1252 as German Excel writes it) and separator. Binary data (NUL bytes or control
 * characters in the text) is refused: a renamed image or program is no CSV.
 */
export async function detectFile(path: string, requested: Partial<DetectedFile> = {}): Promise<DetectedFile> {
  const size = (await stat(path)).size;
  const head = await headBytes(path);
  if (isZip(head)) return { format: "xlsx", encoding: null, delimiter: null, sheet: requested.sheet ?? null };
  const whole = size <= head.length;
  const encoding = requested.encoding ?? (isUtf8(head, whole) ? "utf-8" : "windows-1252");
  const text = iconv.decode(head, encoding);
  const binary = binaryAt(text);
  if (binary >= 0) {
    const row = text.slice(0, binary).split("\n").length;
    throw at(ruleViolation("import_not_a_table", { row }));
  }
  return { format: "csv", encoding, delimiter: requested.delimiter ?? detectDelimiter(text), sheet: null };
}

/**
 * Where a text turns out to be binary: control characters (other than tab, line breaks and form
 * feed) making up more than 1 % of the sample. A stray NUL in a real CSV is not binary: the row
 * check names its row and column.
 */
function binaryAt(text: string): number {
  let controls = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) {
      controls++;
      if (first < 0) first = i;
    }
  }
  return controls > Math.max(8, text.length / 100) ? first : -1;
}

/** One row's cells, checked: column count, cell length, NUL characters. `row` counts the header as 1. */
function checkRow(cells: string[], row: number): string[] {
  if (cells.length > FILE_LIMITS.maxColumns)
    throw at(
      ruleViolation("import_too_many_columns", { row, count: cells.length, max: FILE_LIMITS.maxColumns }),
    );
  if (row > FILE_LIMITS.maxRows + 1)
    throw at(ruleViolation("import_too_many_rows", { max: FILE_LIMITS.maxRows }));
  cells.forEach((cell, index) => {
    if (cell.length > FILE_LIMITS.maxCellChars)
      throw at(
        ruleViolation("import_cell_too_long", { row, column: index + 1, max: FILE_LIMITS.maxCellChars }),
      );
    if (cell.includes("\u0000")) throw at(ruleViolation("import_nul_byte", { row, column: index + 1 }));
  });
  return cells;
}

/** csv-parse's refusals, as a sentence naming the row. */
function csvError(error: unknown, row: number): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  const line = (error as { lines?: number }).lines ?? row;
  if (code === "CSV_QUOTE_NOT_CLOSED" || code === "CSV_INVALID_CLOSING_QUOTE")
    return at(ruleViolation("import_quote_unclosed", { row: line }));
  if (code === "CSV_MAX_RECORD_SIZE")
    return at(ruleViolation("import_cell_too_long", { row: line, column: 1, max: FILE_LIMITS.maxCellChars }));
  return at(ruleViolation("import_quote_unclosed", { row: line }));
}

/** A CSV's rows (header first), decoded and parsed as a stream: memory stays flat for any size. */
async function* csvRows(path: string, detected: DetectedFile): AsyncGenerator<string[]> {
  const source = createReadStream(path).pipe(iconv.decodeStream(detected.encoding ?? "utf-8"));
  const parser = source.pipe(
    parse({
      bom: true,
      delimiter: detected.delimiter ?? ",",
      relax_column_count: true,
      // A quote inside an unquoted cell (Ein "Zitat") is taken as a character, as Excel does.
      relax_quotes: true,
      skip_empty_lines: true,
      // A cell longer than a spreadsheet's is refused before it fills memory.
      max_record_size: FILE_LIMITS.maxCellChars * 4,
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield checkRow(record, row);
    }
  } catch (error) {
    throw csvError(error, row + 1);
  }
}

/** Cell values as text: formulas are never evaluated (their last result, or their text, is taken). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      return result === undefined || result === null || typeof result === "object" ? "" : String(result);
    }
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

/**
 * The zip's declared unpacked size against its size: a bomb is refused before anything is unpacked.
 * Read from the central directory at the end of the file (ExcelJS's reader would inflate it all).
 */
async function checkZipRatio(path: string): Promise<void> {
  const size = (await stat(path)).size;
  const tailLength = Math.min(size, 65_557);
  const handle = await open(path, "r");
  try {
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0) throw at(ruleViolation("import_xlsx_broken"));
    const entries = tail.readUInt16LE(end + 10);
    const dirSize = tail.readUInt32LE(end + 12);
    const dirOffset = tail.readUInt32LE(end + 16);
    if (dirOffset + dirSize > size) throw at(ruleViolation("import_xlsx_broken"));
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    let unpacked = 0;
    let offset = 0;
    for (let i = 0; i < entries && offset + 46 <= dir.length; i++) {
      if (dir.readUInt32LE(offset) !== 0x02014b50) throw at(ruleViolation("import_xlsx_broken"));
      unpacked += dir.readUInt32LE(offset + 24);
      offset +=
        46 + dir.readUInt16LE(offset + 28) + dir.readUInt16LE(offset + 30) + dir.readUInt16LE(offset + 32);
    }
    const maxMb = FILE_LIMITS.maxUnpackedBytes / 1024 / 1024;
    if (
      unpacked > FILE_LIMITS.maxUnpackedBytes ||
      unpacked > Math.max(size, 1_000_000) * FILE_LIMITS.maxPackRatio
    )
      throw at(ruleViolation("import_xlsx_too_big", { max: maxMb }));
  } finally {
    await handle.close();
  }
}

/**
 * An XLSX's rows (header first) from ExcelJS's streaming WorkbookReader: one sheet (the chosen one,
 * else the first), shared strings kept, styles and hyperlinks ignored. A truncated or damaged file
 * answers as such.
 */
async function* xlsxRows(path: string, detected: DetectedFile): AsyncGenerator<string[]> {
  await checkZipRatio(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  let row = 0;
  let sheetIndex = 0;
  try {
    for await (const worksheet of reader) {
      sheetIndex++;
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${sheetIndex}`;
      if (detected.sheet ? name !== detected.sheet : sheetIndex > 1) continue;
      for await (const sheetRow of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = sheetRow.values as ExcelJS.CellValue[];
        if (values.length - 1 > FILE_LIMITS.maxColumns)
          checkRow(new Array<string>(values.length - 1).fill(""), row + 1);
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        // Rows left out by the writer (blank ones) keep their number.
        while (row + 1 < sheetRow.number) {
          row++;
          yield [];
        }
        row++;
        yield checkRow(cells, row);
      }
      return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw at(ruleViolation("import_xlsx_broken"));
  }
  if (detected.sheet) throw at(ruleViolation("import_sheet_missing", { sheet: detected.sheet }));
}

/** The file's rows, header first, each as its cells' text. */
export function readRows(path: string, detected: DetectedFile): AsyncGenerator<string[]> {
  return detected.format === "xlsx" ? xlsxRows(path, detected) : csvRows(path, detected);
}
