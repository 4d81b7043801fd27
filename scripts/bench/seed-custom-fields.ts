/**
 * `npx tsx scripts/bench/seed-custom-fields.ts --url <postgres url> [--share 30] [--batch 20000]`:
 * issue #20's bench data on an already seeded (and migrated) database, e.g. one of hold-postgres.ts:
 * the lead fields "branche" (single choice, 8 options) and "mitarbeiterzahl" (number), both
 * filterable, filled on about `--share` % of the live leads, then their indexes built (the
 * custom-field-index job's own step) and the table analysed (an expression index's statistics come
 * from ANALYZE). Set-based: one UPDATE per id range of `--batch` leads. Restartable: which leads get
 * values and which values they get follow from the lead's id alone, and leads that have them are
 * skipped, so a second run after a kill goes on where the first stopped and changes nothing twice.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@server/db/client";
import { syncCustomFieldIndexes } from "@server/modules/custom-fields/custom-field-index.job";
import { sql } from "drizzle-orm";

export const BENCH_BRANCHEN = [
  ["handel", "Handel", "Retail"],
  ["industrie", "Industrie", "Manufacturing"],
  ["it", "IT & Software", "IT & software"],
  ["bau", "Bauwesen", "Construction"],
  ["gesundheit", "Gesundheitswesen", "Healthcare"],
  ["logistik", "Logistik", "Logistics"],
  ["finanzen", "Finanzen & Versicherungen", "Finance & insurance"],
  ["beratung", "Beratung", "Consulting"],
] as const;

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    share: { type: "string", default: "30" },
    batch: { type: "string", default: "20000" },
  },
  strict: true,
});
if (!values.url) throw new Error("--url <postgres url> is required (see scripts/bench/hold-postgres.ts)");
const share = Number(values.share);
const batch = Number(values.batch);
if (!Number.isInteger(share) || share < 1 || share > 100) throw new Error("--share must be 1 … 100");
if (!Number.isInteger(batch) || batch < 1000) throw new Error("--batch must be a whole number ≥ 1000");

const database = await openDatabase({ kind: "postgres", url: values.url, poolSize: 1 });
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
try {
  const { db } = database;
  const options = BENCH_BRANCHEN.map(([value, de, en]) => ({ value, label: { de, en } }));
  // Defined as the settings page defines them (filterable), or made filterable if they exist.
  await db.execute(sql`
    insert into custom_field_definitions (entity, key, type, label, options, position, filterable)
    values
      ('lead', 'branche', 'choice', ${JSON.stringify({ de: "Branche", en: "Industry" })}::jsonb,
        ${JSON.stringify(options)}::jsonb, 100, true),
      ('lead', 'mitarbeiterzahl', 'number', ${JSON.stringify({ de: "Mitarbeiterzahl", en: "Employees" })}::jsonb,
        '[]'::jsonb, 101, true)
    on conflict (entity, key) do update set filterable = true, deleted_at = null`);

  // Which leads and which values: hashes of the id (stable across runs), a share of the leads with
  // the 8 branches evenly and 1 … 5,000 employees, most of them small firms (as in a real market).
  const picked = sql`abs(hashtext(leads.id::text)::bigint) % 100 < ${share}`;
  const branche = sql`(${sql.param(BENCH_BRANCHEN.map(([v]) => v))}::text[])[1 + abs(hashtext(leads.id::text || 'b')::bigint) % 8]`;
  const staff = sql`(1 + floor(5000 * power((abs(hashtext(leads.id::text || 'm')::bigint) % 10000) / 10000.0, 3)))::int`;
  let last = "00000000-0000-0000-0000-000000000000";
  let filled = 0;
  const started = Date.now();
  for (;;) {
    const [bound] = rowsOf<{ id: string }>(
      await db.execute(sql`select max(id::text)::uuid as id from
        (select id from leads where id > ${last}::uuid order by id limit ${batch}) as b`),
    );
    if (!bound?.id) break;
    const result = await db.execute(sql`
      update leads set custom_fields = custom_fields
        || jsonb_build_object('branche', ${branche}, 'mitarbeiterzahl', ${staff})
      where id > ${last}::uuid and id <= ${bound.id}::uuid and ${picked}
        and not (custom_fields ? 'mitarbeiterzahl')`);
    filled += (result as unknown as { rowCount: number | null }).rowCount ?? 0;
    last = bound.id;
    console.log(`  up to ${last}: ${filled.toLocaleString("en")} leads filled`);
  }
  console.log(
    `filled ${filled.toLocaleString("en")} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const indexStarted = Date.now();
  const { created, dropped } = await syncCustomFieldIndexes(db, "postgres");
  console.log(
    `indexes: built ${created.join(", ") || "none"}${dropped.length ? `, dropped ${dropped.join(", ")}` : ""} ` +
      `in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`,
  );
  // The updates left dead rows behind and the new expressions have no statistics yet.
  await db.execute(sql`vacuum (analyze) leads`);
  const [counts] = rowsOf<{ total: number; filled: number }>(
    await db.execute(sql`select count(*)::int as total,
      count(*) filter (where custom_fields ? 'mitarbeiterzahl')::int as filled
      from leads where deleted_at is null`),
  );
  console.log(
    `done: ${counts?.filled.toLocaleString("en")} of ${counts?.total.toLocaleString("en")} live leads have values`,
  );
} finally {
  await database.close();
}
