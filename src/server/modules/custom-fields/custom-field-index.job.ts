import type { Db } from "@server/db/client";
import type { JobDefinition } from "@server/jobs/job-definition";
import type { CustomFieldEntity, CustomFieldType } from "@shared/schemas/custom-field";
import { getTableName, sql } from "drizzle-orm";
import { RECORD_TABLES } from "./custom-field.repository";
import { customFieldExpressionText } from "./custom-field-query";

/**
 * Keeps one index per filterable custom field (issue #20 point 1): queued in the transaction that
 * marks, unmarks, deletes, restores or purges a field, it compares the indexes there are with those
 * the live filterable fields want, drops the surplus and builds the missing ones. Idempotent, so a run
 * cut short is simply repeated. The index is on exactly the expression the lists filter and sort by
 * (custom-field-query.ts) plus id for keyset pages, partial on live records like the lists' other
 * indexes; a multiple choice gets a GIN index for its any-of filter. On PostgreSQL CONCURRENTLY (no
 * lock on writes; not possible inside a transaction, and the job runs none), on PGlite plain.
 *
 * Beside each index (but a multiple choice's) an expression statistics object on the same expression,
 * then ANALYZE of the table: the planner ignores the statistics of a partial index, so without it a
 * filter on the field is guessed at 0.5 % of the rows whatever it matches, and a list filtered by a
 * value a few % of the leads hold sorted all of them instead of walking its sort's index (BENCHMARKS.md,
 * issue #20 at 100k leads: 127 ms → 2 ms).
 */

/** cf_<field id without dashes>_<type>: from the id, never from user text; the type, so a type change rebuilds. */
const INDEX_NAME = /^cf_[0-9a-f]{32}_[a-z_]+$/;
export const customFieldIndexName = (fieldId: string, type: CustomFieldType): string =>
  `cf_${fieldId.replaceAll("-", "").toLowerCase()}_${type}`;

/** The field's expression statistics: the index's name and `_stats`. */
export const customFieldStatisticsName = (fieldId: string, type: CustomFieldType): string =>
  `${customFieldIndexName(fieldId, type)}_stats`;
const STATISTICS_NAME = /^cf_[0-9a-f]{32}_[a-z_]+_stats$/;

/** The rows of `db.execute` (node-postgres and PGlite both answer `{ rows }`). */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

interface Wanted {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  type: CustomFieldType;
}

/**
 * A single choice's second index, `(expr, created_at, id)`: the lists filter a choice by equality and
 * show the newest first, so this walks one value's records in the list's order. Without it a
 * salesperson's filter walked the newest leads of every team past the choice (5,000 rows for one page
 * at 1M leads, BENCHMARKS.md 2026-12-07 17:04).
 */
export const customFieldCreatedIndexName = (fieldId: string, type: CustomFieldType): string =>
  `${customFieldIndexName(fieldId, type)}_created`;

/** The indexes a filterable field wants, by name, each with the statement that builds it. */
function wantedIndexes(field: Wanted, concurrently: boolean): [string, string][] {
  const name = customFieldIndexName(field.id, field.type);
  const table = getTableName(RECORD_TABLES[field.entity]);
  const expr = customFieldExpressionText("custom_fields", field.key, field.type);
  const create = (index: string, columns: string, using = "") => {
    if (!INDEX_NAME.test(index)) throw new Error("unsafe index name");
    const how = concurrently ? "concurrently " : "";
    return `create index ${how}if not exists "${index}" on "${table}" ${using}(${columns}) where deleted_at is null`;
  };
  if (field.type === "multi_choice") return [[name, create(name, expr, "using gin ")]];
  const indexes: [string, string][] = [[name, create(name, `${expr}, id`)]];
  if (field.type === "choice") {
    const created = customFieldCreatedIndexName(field.id, field.type);
    indexes.push([created, create(created, `${expr}, created_at, id`)]);
  }
  return indexes;
}

function createStatisticsSql(field: Wanted): string {
  const name = customFieldStatisticsName(field.id, field.type);
  if (!STATISTICS_NAME.test(name)) throw new Error("unsafe statistics name");
  const table = getTableName(RECORD_TABLES[field.entity]);
  const expr = customFieldExpressionText("custom_fields", field.key, field.type);
  return `create statistics if not exists "${name}" on (${expr}) from "${table}"`;
}

/** The custom field expression statistics there are. */
export async function customFieldStatistics(db: Db): Promise<Set<string>> {
  const rows = await db.execute(sql`
    select s.stxname as name from pg_statistic_ext s
    join pg_namespace n on n.oid = s.stxnamespace
    where n.nspname = current_schema() and s.stxname like 'cf\_%'`);
  return new Set(
    rowsOf<{ name: string }>(rows)
      .map((r) => r.name)
      .filter((name) => STATISTICS_NAME.test(name)),
  );
}

/** The custom field indexes there are, with whether each is usable (a failed CONCURRENTLY leaves an invalid one). */
export async function customFieldIndexes(db: Db): Promise<Map<string, boolean>> {
  const rows = await db.execute(sql`
    select c.relname as name, i.indisvalid as valid
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname like 'cf\_%'`);
  const list = rowsOf<{ name: string; valid: boolean }>(rows);
  return new Map(list.filter((r) => INDEX_NAME.test(r.name)).map((r) => [r.name, r.valid]));
}

/** Brings the indexes in line with the filterable fields; answers what it built and dropped. */
export async function syncCustomFieldIndexes(
  db: Db,
  kind: "pglite" | "postgres",
  signal?: AbortSignal,
): Promise<{ created: string[]; dropped: string[] }> {
  const wanted = await db.execute(sql`
    select id, entity, key, type from custom_field_definitions
    where filterable and deleted_at is null order by created_at, id`);
  const fields = rowsOf<Wanted>(wanted);
  const concurrently = kind === "postgres";
  const byName = new Map(fields.flatMap((f) => wantedIndexes(f, concurrently)));
  const existing = await customFieldIndexes(db);
  const created: string[] = [];
  const dropped: string[] = [];
  for (const [name, valid] of existing) {
    if (signal?.aborted) break;
    if (byName.has(name) && valid) continue;
    await db.execute(sql.raw(`drop index ${concurrently ? "concurrently " : ""}if exists "${name}"`));
    dropped.push(name);
  }
  for (const [name, statement] of byName) {
    if (signal?.aborted) break;
    if (existing.get(name) === true) continue;
    await db.execute(sql.raw(statement));
    created.push(name);
  }
  // A GIN index's any-of operator has its own estimate; the other types get statistics.
  const wantedStatistics = new Map(
    fields.filter((f) => f.type !== "multi_choice").map((f) => [customFieldStatisticsName(f.id, f.type), f]),
  );
  const statistics = await customFieldStatistics(db);
  for (const name of statistics) {
    if (signal?.aborted || wantedStatistics.has(name)) continue;
    await db.execute(sql.raw(`drop statistics if exists "${name}"`));
  }
  const analyse = new Set<string>();
  for (const [name, field] of wantedStatistics) {
    if (signal?.aborted || statistics.has(name)) continue;
    await db.execute(sql.raw(createStatisticsSql(field)));
    analyse.add(getTableName(RECORD_TABLES[field.entity]));
  }
  // New statistics are empty until the table is analysed (a sample of 30,000 rows: seconds at 1M).
  for (const table of analyse) if (!signal?.aborted) await db.execute(sql.raw(`analyze "${table}"`));
  return { created, dropped };
}

export const customFieldIndexJob: JobDefinition = {
  name: "custom-field-index",
  async run(ctx) {
    const started = Date.now();
    const { created, dropped } = await syncCustomFieldIndexes(ctx.db, ctx.kind, ctx.signal);
    if (created.length > 0 || dropped.length > 0)
      ctx.log.info({ created, dropped, ms: Date.now() - started }, "custom field indexes updated");
    if (ctx.kind === "pglite" && created.length > 0) await ctx.enqueue("pglite-analyze");
  },
};
