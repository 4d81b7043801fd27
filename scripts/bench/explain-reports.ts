/**
 * `npx tsx scripts/bench/explain-reports.ts --url postgres://… [--out FILE] [--only REGEX]`: every SQL
 * statement the report endpoints (#18) send, as a salesperson, a manager and an admin, EXPLAINed with
 * (ANALYZE, BUFFERS) against an already seeded PostgreSQL (hold-postgres.ts). Prints one line per
 * statement, slowest first per request, and writes the full plans to FILE (default
 * /tmp/explain-reports.txt). The requests run once first, so the plans see warm caches and the
 * stage-stay job's tables as the running app has them.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import { insertToken } from "@server/modules/tokens/token.repository";
import { findUserByEmail } from "@server/modules/users/user.repository";
import { buildUser } from "@test/factories";
import { createActors, startApp } from "./bench-app";
import { existingPostgresBench } from "./bench-database";
import { captureQueries } from "./explain";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    out: { type: "string", default: "/tmp/explain-reports.txt" },
    only: { type: "string" },
  },
  strict: true,
});
if (!values.url) throw new Error("--url is required");
const only = values.only ? new RegExp(values.only) : null;

const zone = "timeZone=Europe%2FBerlin";
const PATHS = [
  `/api/v1/reports/dashboard?${zone}`,
  `/api/v1/reports/funnel?${zone}`,
  `/api/v1/reports/pipeline?${zone}`,
  `/api/v1/reports/forecast?${zone}`,
  `/api/v1/reports/health?${zone}`,
];
/** Tables whose reads are worth a plan (not the token lookup or the settings). */
const DATA =
  /"(leads|deals|deal_open_totals|activities|lead_funnel_days|deal_stage_history|stage_stay_\w+|forecast_snapshot\w*)"/;

const bench = await existingPostgresBench(values.url);
const pool = bench.database.pool;
if (!pool) throw new Error("not a PostgreSQL");
const { sales, manager } = await createActors(bench.database);
const adminEmail = "bench.admin@leadwerk.test";
const adminUser =
  (await findUserByEmail(bench.database.db, adminEmail)) ??
  (await buildUser(bench.database.db, { role: "admin", team: null, email: adminEmail, name: "Bench Admin" }));
const adminToken = newSecretToken("lw_");
await insertToken(bench.database.db, {
  userId: adminUser.id,
  name: "bench",
  prefix: adminToken.slice(0, 9),
  tokenHash: hashToken(adminToken),
});
const running = await startApp(bench);
const readers = [
  { role: "sales", token: sales.token },
  { role: "manager", token: manager.token },
  { role: "admin", token: adminToken },
];
const full: string[] = [];
try {
  for (const reader of readers) {
    for (const path of PATHS) {
      if (only && !only.test(`${path} (${reader.role})`)) continue;
      const get = () =>
        fetch(`http://127.0.0.1:${running.port}${path}`, {
          headers: { authorization: `Bearer ${reader.token}` },
        });
      await (await get()).arrayBuffer();
      const capture = captureQueries(pool);
      const started = performance.now();
      const response = await get();
      await response.arrayBuffer();
      const ms = performance.now() - started;
      capture.stop();
      console.log(`\n${reader.role} ${path.split("?")[0]}: ${response.status}, ${ms.toFixed(0)} ms`);
      full.push(`\n===== ${reader.role} ${path}: ${response.status}, ${ms.toFixed(0)} ms`);
      const lines: { ms: number; text: string }[] = [];
      for (const query of capture.queries) {
        if (!DATA.test(query.text) || !/^\s*(select|with)/i.test(query.text)) continue;
        const { rows } = await pool.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
          query.values,
        );
        const plan = rows.map((r) => r["QUERY PLAN"]);
        const execution = Number(/Execution Time: ([\d.]+) ms/.exec(plan.join("\n"))?.[1] ?? "NaN");
        const buffers = /Buffers: ([^\n]+)/.exec(plan.join("\n"))?.[1] ?? "";
        const label = query.text.replace(/\s+/g, " ").slice(0, 150);
        lines.push({
          ms: execution,
          text: `${execution.toFixed(1).padStart(8)} ms  ${buffers.padEnd(40)} ${label}`,
        });
        full.push(
          `\n-- ${execution} ms\n${query.text}\n-- values ${JSON.stringify(query.values)}\n${plan.join("\n")}`,
        );
      }
      for (const l of lines.sort((a, b) => b.ms - a.ms)) console.log(l.text);
    }
  }
} finally {
  await writeFile(values.out, full.join("\n"));
  await running.app.close();
  await bench.stop();
}
