/**
 * `COPY (SELECT …) TO STDOUT` on PostgreSQL (pg-copy-streams), for reads whose rows the database
 * formats itself: the lead CSV export (issue #17, modules/exports/csv-copy.ts). The rows come in COPY's
 * binary format, so each field's bytes arrive as the database made them (no escaping as in the text
 * and CSV formats) for a sink to pass on or decode; the last `tail` fields are decoded for the last
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
 * What becomes of each row of a COPY whose last `tail` fields are the caller's: by default its first
 * field's bytes (`firstField`); the lead CSV decodes the cells and has csv-stringify write them
 * (modules/exports/csv-copy.ts).
 */
export interface RowSink<Out> {
  /** The fields at a row's end that are the caller's, not passed on (the last row's are kept as text). */
  readonly tail: number;
  /** Takes the row at `at` of `buf` (`fields` fields); `buf` is valid until the next `take`. */
  add(buf: Buffer, at: number, fields: number): void;
  /** What the rows added since the last call became; null when there is nothing to pass on. */
  take(): Out | null;
}

/** Passes each row's first field on as it is; the other fields are the caller's. */
export const firstField = (tail: number): RowSink<Buffer> => {
  let parts: Buffer[] = [];
  return {
    tail,
    add(buf, at, fields) {
      const length = fields > 0 ? buf.readInt32BE(at + 2) : -1;
      if (length > 0) parts.push(buf.subarray(at + 6, at + 6 + length));
    },
    take() {
      if (parts.length === 0) return null;
      const out = Buffer.concat(parts);
      parts = [];
      return out;
    },
  };
};

/**
 * Splits COPY's binary stream (signature, flags, extension, then per row: int16 field count, per
 * field int32 length or -1 and the bytes; int16 -1 at the end) into whole rows for the sink, chunk
 * by chunk. A row cut between chunks waits for the next one.
 */
export class BinaryRowSplitter<Out> {
  private pending: Buffer | null = null;
  private headerDone = false;
  rows = 0;
  last: (string | null)[] | null = null;

  constructor(private readonly sink: RowSink<Out>) {}

  /** What the sink made of the rows completed by `chunk` (null for none). */
  push(chunk: Buffer): Out | null {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    if (!this.headerDone) {
      if (buf.length < SIGNATURE + 8) {
        this.pending = buf;
        return null;
      }
      at = SIGNATURE + 8 + buf.readInt32BE(SIGNATURE + 4);
      if (buf.length < at) {
        this.pending = buf;
        return null;
      }
      this.headerDone = true;
      buf = buf.subarray(at);
      at = 0;
    }
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
      this.sink.add(buf, at, fields);
      lastRow = at;
      lastFields = fields;
      this.rows++;
      at = end;
    }
    if (lastRow >= 0) this.last = tailOf(buf, lastRow, lastFields, this.sink.tail);
    const out = this.sink.take();
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
    return out;
  }

  /** Throws when the stream ended inside a row. */
  end(): void {
    if (this.pending && this.pending.length > 0) throw new Error("COPY ended inside a row");
  }
}

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
 * Runs `select` as one COPY on a client of the pool, yielding what `sink` makes of its rows chunk by
 * chunk as they arrive; returns the row count and the last row's tail fields. Stopping early (the client went away) ends the COPY
 * by dropping its connection, which the pool then replaces.
 */
export async function* copyRowsOut<Out>(
  pool: pg.Pool,
  select: SQL,
  sink: RowSink<Out>,
  /** Planner settings for this COPY alone (`SET LOCAL` in its own transaction), e.g. `enable_sort = off`. */
  settings: readonly string[] = [],
): AsyncGenerator<Out, CopyEnd> {
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
  const rows = new BinaryRowSplitter(sink);
  try {
    for await (const chunk of stream) {
      const out = rows.push(chunk as Buffer);
      if (out !== null) yield out;
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
