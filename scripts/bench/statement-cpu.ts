/**
 * `npx tsx scripts/bench/statement-cpu.ts URL FILE [RUNS=200] [--plan]`: the database's own CPU per
 * request for a request's statements, less sensitive to a busy machine than latencies. FILE holds the
 * statements one request sends, as the bench's plans file shows them (parameters written in), each
 * ending in ";" and a blank line. They run RUNS times in a row on one connection after 20 warm-up
 * runs; the answer is the backend's utime + stime from /proc (the database must run on this machine)
 * divided by RUNS. `--plan` prefixes each with EXPLAIN (planning only, nothing executed).
 */
import { readFileSync } from "node:fs";
import pg from "pg";

const TICK_MS = 10; // Linux's USER_HZ is 100 on every mainstream build.

function backendTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function main() {
  const args = process.argv.slice(2);
  const planOnly = args.includes("--plan");
  const [url, file, runsArg = "200"] = args.filter((arg) => arg !== "--plan");
  if (!url || !file) throw new Error("usage: statement-cpu.ts URL FILE [RUNS] [--plan]");
  const runs = Number(runsArg);
  const statements = readFileSync(file, "utf8")
    .split(/;\n\s*\n/)
    .map((text) => text.trim().replace(/;$/, ""))
    .filter((text) => text.length > 0)
    .map((text) => (planOnly ? `explain ${text}` : text));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    const pid = rows[0]?.pid;
    if (pid === undefined) throw new Error("no backend pid");
    const request = async () => {
      for (const text of statements) await client.query(text);
    };
    for (let i = 0; i < 20; i++) await request();
    const before = backendTicks(pid);
    const started = performance.now();
    for (let i = 0; i < runs; i++) await request();
    const cpuMs = ((backendTicks(pid) - before) * TICK_MS) / runs;
    const wallMs = (performance.now() - started) / runs;
    console.log(
      `${file}: ${statements.length} statement(s)${planOnly ? " planned" : ""}, ` +
        `${cpuMs.toFixed(2)} ms backend CPU per request, ${wallMs.toFixed(2)} ms wall (${runs} runs)`,
    );
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
