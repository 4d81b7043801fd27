/**
 * The "search after import" case (issue #21 point 2): an import puts many new leads into one team, all
 * newer than everything else and none matching the searches, so a newest-first search that walks the
 * team's leads passes every one of them before its first hit. Inserted as an import would write them
 * (bulk INSERTs of 1,000 rows, the row triggers firing), then ANALYZEd as autovacuum soon would; removed again
 * afterwards so that the writes and the next run see the seeded data alone.
 */
import type pg from "pg";

/** Marks the imported leads, so that they can be found and removed (a fixed value, not input). */
const MARK = "bench-import";
const BATCH = 1000;

export interface ImportResult {
  count: number;
  insertSeconds: number;
  analyzeSeconds: number;
}

/**
 * `count` leads into `teamId`, owned by `ownerId`, created in the last `count` milliseconds. Their
 * names, company and address hold none of the searched words (operations.ts), only "Importkunde",
 * "Stapelimport" and digits.
 */
export async function importNonMatching(
  pool: pg.Pool,
  opts: { teamId: string; ownerId: string; count: number },
): Promise<ImportResult> {
  const { rows } = await pool.query<{ n: number }>(
    "select count(*)::int as n from leads where source_detail = $1 and source = 'import' and team_id = $2",
    [MARK, opts.teamId],
  );
  // An import kept by an earlier run (--keep-import) of the same size is measured again as it is.
  if (rows[0]?.n === opts.count) return { count: opts.count, insertSeconds: 0, analyzeSeconds: 0 };
  await removeImported(pool, { vacuum: false });
  const started = performance.now();
  // In statements of BATCH rows, as an import writes them: the lead funnel's trigger adds every lead
  // of a day, team, owner and source to one counter row, and 100,000 updates of one row in a single
  // statement walk an ever longer chain of its versions (quadratic: it did not end in 20 minutes).
  for (let done = 0; done < opts.count; done += BATCH) {
    await pool.query(
      `insert into leads (team_id, owner_id, created_by, created_at, updated_at, status, lifecycle_stage,
         source, source_detail, first_name, last_name, company_name, email, country, interest)
       select $1::uuid, $2::uuid, $2::uuid, now() - g * interval '1 millisecond', now(), 'new', 'mal',
         'import', $3, 'Ida', 'Importkunde ' || g, 'Stapelimport GmbH', 'ida.' || g || '@stapelimport.example',
         'DE', 'Import'
       from generate_series($4::int + 1, $4::int + $5::int) as g`,
      [opts.teamId, opts.ownerId, MARK, done, Math.min(BATCH, opts.count - done)],
    );
  }
  const inserted = performance.now();
  await pool.query("analyze leads");
  return {
    count: opts.count,
    insertSeconds: (inserted - started) / 1000,
    analyzeSeconds: (performance.now() - inserted) / 1000,
  };
}

/** Removes the imported leads (of this run or an interrupted earlier one); VACUUM (ANALYZE) after. */
export async function removeImported(pool: pg.Pool, opts: { vacuum: boolean }): Promise<number> {
  let removed = 0;
  for (;;) {
    const { rowCount } = await pool.query(
      `delete from leads where id in (select id from leads where source_detail = $1 and source = 'import'
         and deleted_at is null limit ${BATCH})`,
      [MARK],
    );
    removed += rowCount ?? 0;
    if (!rowCount) break;
  }
  if (opts.vacuum || removed > 0) await pool.query("vacuum (analyze) leads");
  return removed;
}
