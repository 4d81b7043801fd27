/**
 * Writing batches of generated leads. PostgreSQL: one INSERT … SELECT FROM jsonb_array_elements($1)
 * per batch, the whole batch as one JSON parameter. (pg has no COPY without the pg-copy-streams
 * package; unnest() over one array parameter per column was 3–4 times slower, because node-postgres
 * escapes every array element in JavaScript and the server parses 41 array literals.) PGlite:
 * COPY … FROM '/dev/blob' with the batch as CSV, PGlite's in-memory file for COPY.
 */
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { BULK_COLUMNS, type BulkRow } from "./columns";

export type BatchWriter = (rows: BulkRow[]) => Promise<void>;

const columnList = BULK_COLUMNS.map(([name]) => name).join(", ");

export function postgresWriter(client: pg.ClientBase): BatchWriter {
  const values = BULK_COLUMNS.map(([, type], i) => (type === "text" ? `e->>${i}` : `(e->>${i})::${type}`));
  const text = `INSERT INTO leads (${columnList}) SELECT ${values.join(", ")} FROM jsonb_array_elements($1::jsonb) AS e`;
  return async (rows) => {
    await client.query(text, [JSON.stringify(rows)]);
  };
}

/** RFC 4180 quoting; an unquoted empty field is NULL in PostgreSQL's CSV format. */
const csvField = (value: string | null) => (value === null ? "" : `"${value.replace(/"/g, '""')}"`);

export function pgliteWriter(pglite: PGlite): BatchWriter {
  const text = `COPY leads (${columnList}) FROM '/dev/blob' WITH (FORMAT csv)`;
  return async (rows) => {
    const csv = rows.map((row) => row.map(csvField).join(",")).join("\n");
    await pglite.query(text, [], { blob: new Blob([csv]) });
  };
}
