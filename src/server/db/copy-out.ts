/**
 * `COPY (SELECT …) TO STDOUT` on PostgreSQL (pg-copy-streams), for reads whose rows the database
 * formats itself: the lead CSV export (issue #17, modules/exports/csv-copy.ts). The rows come in COPY's
 * binary format, so the first column's bytes pass through untouched (no escaping as in the text and
 * CSV formats) and no JS string or object is made per row; the other columns are decoded for the last
 * row only (a keyset page's cursor).
 */
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

const dialect = new PgDialect();
/** pg's own conversion of a parameter to its text (arrays as `{…}`, dates as timestamps with zone). */
const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;

/**
 * The statement as text with its parameters written in as literals: COPY takes none. Each literal is
 * untyped, as node-postgres sends a parameter, so it is read as the parameter would have been.
 * Placeholders inside quoted literals or identifiers are left alone.
 */
export function inlineParams(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'|\$(\d+)/g, (match, index: string | undefined) => {
    if (index === undefined) return match;
    const value = prepareValue(params[Number(index) - 1]);
    if (value === null || value === undefined) return "null";
    if (Buffer.isBuffer(value)) return `'\\x${value.toString("hex")}'::bytea`;
    return pg.escapeLiteral(String(value));
  });
}

/** What a COPY of rows whose first column is the bytes to pass on leaves behind. */
export interface CopyEnd {
  rows: number;
  /** The other columns of the last row, as text (null for SQL NULL); null without rows. */
  last: (string | null)[] | null;
}

const SIGNATURE = 11;

/**
 * Splits COPY's binary stream (signature, flags, extension, then per row: int16 field count, per
 * field int32 length or -1 and the bytes; int16 -1 at the end) into one Buffer per chunk holding the
 * first field of each whole row in the chunk. A row cut between chunks waits for the next one.
 */
/** What is written of each row: by default its first field; the lead CSV frames its cells (csv-bytes.ts). */
export interface RowWriter {
  /** The fields at a row's end that are the caller's, not written (the last row's are kept as text). */
  readonly tail: number;
  /** The most bytes the whole rows of `bytes` input bytes may become. */
  room(bytes: number): number;
  /** Writes the row at `at` of `buf` (`fields` fields) to `out` from `written`; returns the new end. */
  write(buf: Buffer, at: number, fields: number, out: Buffer, written: number): number;
}

/** Writes each row's first field as it is; the other fields are the caller's. */
export const firstField = (tail: number): RowWriter => ({
  tail,
  room: (bytes) => bytes,
  write(buf, at, fields, out, written) {
    const length = fields > 0 ? buf.readInt32BE(at + 2) : -1;
    if (length <= 0) return written;
    buf.copy(out, written, at + 6, at + 6 + length);
    return written + length;
  },
});

export class BinaryRowSplitter {
  private pending: Buffer | null = null;
  private headerDone = false;
  rows = 0;
  last: (string | null)[] | null = null;

  constructor(private readonly writer: RowWriter) {}

  /** The first fields of the rows completed by `chunk`, back to back. */
  push(chunk: Buffer): Buffer {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    if (!this.headerDone) {
      if (buf.length < SIGNATURE + 8) {
        this.pending = buf;
        return EMPTY;
      }
      at = SIGNATURE + 8 + buf.readInt32BE(SIGNATURE + 4);
      if (buf.length < at) {
        this.pending = buf;
        return EMPTY;
      }
      this.headerDone = true;
      buf = buf.subarray(at);
      at = 0;
    }
    const out = Buffer.allocUnsafe(this.writer.room(buf.length));
    let written = 0;
    let lastRow = -1;
    let lastFields = 0;
    for (;;) {
      if (buf.length - at < 2) break;
      const fields = buf.readInt16BE(at);
      if (fields < 0) {
        at = buf.length;
        break;
      }
      // Walk the row's fields first: all of them must be in the buffer.
      let end = at + 2;
      let whole = true;
      for (let f = 0; f < fields; f++) {
        if (buf.length - end < 4) {
          whole = false;
          break;
        }
        const length = buf.readInt32BE(end);
        end += 4 + Math.max(length, 0);
        if (end > buf.length) {
          whole = false;
          break;
        }
      }
      if (!whole) break;
      written = this.writer.write(buf, at, fields, out, written);
      lastRow = at;
      lastFields = fields;
      this.rows++;
      at = end;
    }
    if (lastRow >= 0) this.last = tailOf(buf, lastRow, lastFields, this.writer.tail);
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
    return out.subarray(0, written);
  }

  /** Throws when the stream ended inside a row. */
  end(): void {
    if (this.pending && this.pending.length > 0) throw new Error("COPY ended inside a row");
  }
}

const EMPTY = Buffer.alloc(0);

/** The last `tail` fields of the row at `at`, as text. */
function tailOf(buf: Buffer, at: number, fields: number, tail: number): (string | null)[] {
  const values: (string | null)[] = [];
  let pos = at + 2;
  for (let f = 0; f < fields; f++) {
    const length = buf.readInt32BE(pos);
    pos += 4;
    if (f >= fields - tail) values.push(length < 0 ? null : buf.toString("utf8", pos, pos + length));
    pos += Math.max(length, 0);
  }
  return values;
}

/**
 * Runs `select` as one COPY on a client of the pool, yielding what `writer` makes of its rows chunk by
 * chunk as they arrive; returns the row count and the last row's tail fields. Stopping early (the client went away) ends the COPY
 * by dropping its connection, which the pool then replaces.
 */
export async function* copyRowsOut(
  pool: pg.Pool,
  select: SQL,
  writer: RowWriter,
  /** Planner settings for this COPY alone (`SET LOCAL` in its own transaction), e.g. `enable_sort = off`. */
  settings: readonly string[] = [],
): AsyncGenerator<Buffer, CopyEnd> {
  const text = `copy (${inlineParams(select)}) to stdout with (format binary)`;
  const client = await pool.connect();
  let failed: Error | undefined;
  if (settings.length > 0) {
    try {
      await client.query(`begin; ${settings.map((s) => `set local ${s};`).join(" ")}`);
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }
  const stream = client.query(copyTo(text));
  const rows = new BinaryRowSplitter(writer);
  try {
    for await (const chunk of stream) {
      const bytes = rows.push(chunk as Buffer);
      if (bytes.length > 0) yield bytes;
    }
    rows.end();
    if (settings.length > 0) await client.query("commit");
    return { rows: rows.rows, last: rows.last };
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw failed;
  } finally {
    if (!stream.readableEnded) {
      failed ??= new Error("COPY stopped before its end");
      stream.destroy();
    }
    client.release(failed);
  }
}
