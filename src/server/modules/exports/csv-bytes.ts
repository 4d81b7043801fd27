import type { RowWriter } from "@server/db/copy-out";

/*
 * The CSV framing of the lead CSV that PostgreSQL formats (csv-copy.ts): each COPY row's fields are the
 * cells' texts, and this writes them as `neutralizeFormula` (formula-guard.ts) and csv-stringify
 * (table-export.ts QUOTE_WHEN) write a cell, on the UTF-8 bytes. Every character involved is ASCII, so
 * no byte of a multi-byte character is ever taken for one. In SQL the same work cost about a third of
 * the statement's CPU (a regular expression or string search per cell); here it is one pass over bytes.
 */

const QUOTE = 1;
const SEPARATOR = 2;
const RISKY = 4;
const APOSTROPHE = 0x27;
const DOUBLE_QUOTE = 0x22;

/** Per byte: quoted for (`;` `,` tab `"` CR LF), a separator the guard looks behind, a formula start. */
const FLAGS = new Uint8Array(256);
for (const c of ";,\t\r\n") FLAGS[c.charCodeAt(0)] = (FLAGS[c.charCodeAt(0)] ?? 0) | QUOTE | SEPARATOR;
FLAGS[DOUBLE_QUOTE] = QUOTE;
for (const c of "=+-@\t\r") FLAGS[c.charCodeAt(0)] = (FLAGS[c.charCodeAt(0)] ?? 0) | RISKY;

/**
 * One cell: as it is when no byte is special; else the guard's apostrophes (before a risky first
 * character, and after a separator followed by one, the first character then being no separator, as
 * JavaScript's `(^|sep)(?=risky)` replace goes) and, with a quote-worthy byte, the quotes.
 */
function writeCell(buf: Buffer, start: number, end: number, out: Buffer, at: number): number {
  let any = 0;
  for (let i = start; i < end; i++) any |= FLAGS[buf[i] as number] as number;
  if (any === 0) return at + buf.copy(out, at, start, end);
  const quoted = (any & QUOTE) !== 0;
  let w = at;
  if (quoted) out[w++] = DOUBLE_QUOTE;
  let i = start;
  const first = buf[start] as number;
  if ((FLAGS[first] as number) & RISKY) {
    out[w++] = APOSTROPHE;
    out[w++] = first;
    i++;
  }
  for (; i < end; i++) {
    const b = buf[i] as number;
    out[w++] = b;
    if (b === DOUBLE_QUOTE) out[w++] = DOUBLE_QUOTE;
    else if (
      (FLAGS[b] as number) & SEPARATOR &&
      i + 1 < end &&
      (FLAGS[buf[i + 1] as number] as number) & RISKY
    )
      out[w++] = APOSTROPHE;
  }
  if (quoted) out[w++] = DOUBLE_QUOTE;
  return w;
}

/**
 * Rows of cell fields and, at the end, `tail` fields for the cursor: the cells joined by `delimiter`,
 * each line ended by `lineEnd`.
 */
export function csvLineWriter(delimiter: string, lineEnd: string, tail: number): RowWriter {
  const separator = delimiter.charCodeAt(0);
  const ending = Buffer.from(lineEnd);
  return {
    tail,
    // A cell grows by at most its quotes, an apostrophe per byte and a doubled quote per byte; the
    // 4-byte length before each field in COPY's format covers the delimiter and the quotes.
    room: (bytes) => bytes * 3 + ending.length,
    write(buf, at, fields, out, written) {
      let pos = at + 2;
      let w = written;
      const cells = fields - tail;
      for (let f = 0; f < fields; f++) {
        const length = buf.readInt32BE(pos);
        pos += 4;
        if (f < cells) {
          if (f > 0) out[w++] = separator;
          if (length > 0) w = writeCell(buf, pos, pos + length, out, w);
        }
        if (length > 0) pos += length;
      }
      return w + ending.copy(out, w);
    },
  };
}
