import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { BinaryRowSplitter, firstField, inlineParams } from "./copy-out";

/** COPY's binary format of rows of text fields (null for NULL), as PostgreSQL sends it. */
function binaryCopy(rows: (string | null)[][]): Buffer {
  const parts = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const length = Buffer.alloc(4);
      const bytes = field === null ? Buffer.alloc(0) : Buffer.from(field);
      length.writeInt32BE(field === null ? -1 : bytes.length);
      parts.push(length, bytes);
    }
  }
  const end = Buffer.alloc(2);
  end.writeInt16BE(-1);
  parts.push(end);
  return Buffer.concat(parts);
}

describe("BinaryRowSplitter", () => {
  const rows = [
    ["a;b\r\n", "2026-01-01", "id-1"],
    ['"x\ny"\r\n', null, "id-2"],
    ["Straße ß €\r\n", "k3", "id-3"],
  ];
  const whole = binaryCopy(rows);

  it("passes the first fields on and keeps the last row's others, however the stream is cut", () => {
    for (let step = 1; step <= whole.length; step++) {
      const splitter = new BinaryRowSplitter(firstField(2));
      const out: Buffer[] = [];
      for (let at = 0; at < whole.length; at += step)
        out.push(splitter.push(whole.subarray(at, at + step)) ?? Buffer.alloc(0));
      splitter.end();
      expect(Buffer.concat(out).toString()).toBe(rows.map((r) => r[0]).join(""));
      expect(splitter.rows).toBe(3);
      expect(splitter.last).toEqual(["k3", "id-3"]);
    }
  });

  it("refuses a stream that ends inside a row", () => {
    const splitter = new BinaryRowSplitter(firstField(2));
    splitter.push(whole.subarray(0, whole.length - 8));
    expect(() => splitter.end()).toThrow(/inside a row/);
  });
});

describe("inlineParams", () => {
  it("writes parameters as literals, leaving quoted text and names alone", () => {
    const text = inlineParams(
      sql`select '$1' as "$2", ${"it's"} as a, ${["x", 'y"z']}::text[] as b, ${5} as c, ${null} as d, ${"back\\slash"} as e`,
    );
    expect(text).toBe(
      `select '$1' as "$2", 'it''s' as a, ('x', 'y"z')::text[] as b, '5' as c, null as d,  E'back\\\\slash' as e`,
    );
  });
});
