import { createHash } from "node:crypto";
import { is, SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "./client";

/**
 * Statement shapes built once (issue #21 point 1). Drizzle builds a query's SQL text anew on every
 * call: 0.3-0.5 ms of CPU for a select of all 57 lead columns or an insert returning them, a fifth to
 * a quarter of a get-one or create request (BENCHMARKS.md, "Raw-driver baseline"). A hot query is
 * therefore written once with `sql.placeholder()` for its values and prepared once per database and
 * shape; on PostgreSQL it is also a named statement, so the server parses it once per connection
 * rather than per call.
 *
 * A shape's key names everything that changes the SQL text (e.g. the caller's Read scope); the values
 * go in as placeholders. The names must stay unique per text, so a key is used for one query only.
 * Kept per database (a WeakMap on drizzle's dialect object, which a Db shares with its transactions
 * only), so nothing outlives the app's pool or a test file's database.
 *
 * Inside a transaction the statement must run on the transaction's connection: the prepared query is
 * reused with the transaction's client put in place of the pool (drizzle 0.45's prepared queries run
 * on `this.client`, its sessions keep theirs as `client`; prepared.test.ts checks it on both drivers).
 * Should either ever not hold, the query is built for that call as before.
 */
interface PreparedQuery {
  execute(placeholders?: Record<string, unknown>): Promise<unknown>;
}

interface Shape {
  /** Prepared on the app's Db (pool or PGlite client). */
  direct?: PreparedQuery;
  /** Prepared on a transaction, to be run on other transactions' connections. */
  template?: PreparedQuery;
}

/** Drizzle's internals this relies on: a Db's dialect (shared by its transactions) and session client. */
interface DbInternals {
  dialect?: object;
  session?: { client?: unknown };
}

const byDialect = new WeakMap<object, Map<string, Shape>>();

/**
 * `build(db, name)` (a query ending in `.prepare(name)`) once per database and key; the result's
 * `execute` fills in the placeholders. Works with the app's Db and with a transaction.
 */
export function prepared<P extends PreparedQuery>(
  db: DbOrTx,
  key: string,
  build: (db: Db, name: string) => P,
): P {
  // PostgreSQL cuts names at 63 bytes: a long key (an insert's column list) goes in as its hash.
  const name =
    key.length <= 40 ? `lw_${key}` : `lw_${createHash("sha1").update(key).digest("hex").slice(0, 24)}`;
  const { dialect, session } = db as unknown as DbInternals;
  if (!dialect) return build(db as Db, name);
  let shapes = byDialect.get(dialect);
  if (!shapes) {
    shapes = new Map();
    byDialect.set(dialect, shapes);
  }
  let shape = shapes.get(key);
  if (!shape) {
    shape = {};
    shapes.set(key, shape);
  }
  if (!(db instanceof PgTransaction)) {
    shape.direct ??= build(db, name);
    return shape.direct as P;
  }
  const client = session?.client;
  const template = (shape.direct ?? shape.template) as P | undefined;
  if (!template) {
    const built = build(db as unknown as Db, name);
    shape.template = built;
    return built;
  }
  if (client === undefined || !("client" in template)) return build(db as unknown as Db, name);
  // The same statement on the transaction's connection: everything else is the prepared query's.
  return Object.create(template, { client: { value: client } }) as P;
}

/**
 * An insert's values as placeholders, for `prepared`: the shape is the set of columns given (an
 * undefined value means the column's default, as in drizzle's own insert, so it is left out) and which
 * of them are null. A null is written into the statement: drizzle fills a placeholder through the
 * column's encoder, which would turn null into the JSON text 'null' (jsonb) or fail (timestamps).
 * Null when a value is SQL of its own (`sql\`now()\``): that insert is built as before.
 */
export function insertShape<T extends Record<string, unknown>>(
  values: T,
): { key: string; placeholders: T; values: Record<string, unknown> } | null {
  const given = Object.keys(values)
    .filter((column) => values[column] !== undefined)
    .sort();
  const placeholders: Record<string, unknown> = {};
  const filled: Record<string, unknown> = {};
  const key: string[] = [];
  for (const column of given) {
    if (is(values[column], SQL)) return null;
    if (values[column] === null) {
      placeholders[column] = sql`null`;
      key.push(`${column}=null`);
    } else {
      placeholders[column] = sql.placeholder(column);
      filled[column] = values[column];
      key.push(column);
    }
  }
  return { key: key.join(","), placeholders: placeholders as T, values: filled };
}
