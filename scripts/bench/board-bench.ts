/**
 * `npx tsx scripts/bench/board-bench.ts [--db pglite|postgres] [--deals N] [--requests N] [--per-column N]`
 *
 * Seeds N open deals (default 10,000) into one pipeline of a throwaway database (batched inserts, with
 * companies, contacts and activities so the cards' joins have work to do), starts the real app on
 * 127.0.0.1 and measures GET /api/v1/pipelines/{id}/board over HTTP for a manager (sees every deal)
 * and a salesperson (sees their team's), one request at a time, and the manager's move of a card
 * (POST /api/v1/deals/{id}/move, what a drop sends). Prints a Markdown section with
 * p50/p95/p99. `npm run bench` runs it too (after the lead operations, for each engine, unless --url is
 * given or --only excludes "board").
 */
import { parseArgs } from "node:util";
import { POSITION_STEP } from "@domain/deals/position";
import type { Database } from "@server/db/client";
import { activities, companies, contacts, dealContacts, dealStageHistory, deals } from "@server/db/schema";
import { buildTeam, buildUser, TEST_PASSWORD } from "@test/factories";
import {
  activityValues,
  buildPipeline,
  companyValues,
  contactValues,
  dealValues,
  seedFakers,
} from "@test/factories-crm";
import { sql } from "drizzle-orm";
import { startApp } from "./bench-app";
import { type Engine, startBenchDatabase } from "./bench-database";

const BATCH = 500;

function positive(value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: ${value}`);
  return n;
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** The bench data set: `count` open deals in one default pipeline, with companies, contacts and activities. */
export async function seedBoard(database: Database, count: number) {
  const db = database.db;
  seedFakers(20261123);
  const teams = [await buildTeam(db, { name: "Bench Nord" }), await buildTeam(db, { name: "Bench Süd" })];
  const sellers = await Promise.all(
    teams.flatMap((team) =>
      [0, 1].map((i) =>
        buildUser(db, {
          role: "sales",
          team,
          email: `board.${team.name.split(" ")[1]}.${i}@bench.test`.toLowerCase(),
        }),
      ),
    ),
  );
  const manager = await buildUser(db, { role: "manager", team: null, email: "board.manager@bench.test" });
  const { pipeline, stages } = await buildPipeline(db, { name: "Bench", isDefault: true });
  const companyRows = await db
    .insert(companies)
    .values(
      Array.from({ length: Math.ceil(count / 10) }, (_, i) => ({
        ...companyValues(),
        teamId: teams[i % 2]?.id ?? null,
      })),
    )
    .returning({ id: companies.id, teamId: companies.teamId });
  const contactRows: { id: string }[] = [];
  await inBatches(companyRows, async (batch) => {
    contactRows.push(
      ...(await db
        .insert(contacts)
        .values(batch.map((c) => ({ ...contactValues(), companyId: c.id, teamId: c.teamId })))
        .returning({ id: contacts.id })),
    );
  });
  const now = Date.now();
  const values = Array.from({ length: count }, (_, i) => {
    const stage = stages[i % stages.length];
    const owner = sellers[i % sellers.length];
    if (!stage || !owner) throw new Error("seed setup incomplete");
    return dealValues({
      pipelineId: pipeline.id,
      stageId: stage.id,
      position: (Math.floor(i / stages.length) + 1) * POSITION_STEP,
      companyId: companyRows[i % companyRows.length]?.id ?? null,
      currency: i % 7 === 0 ? "CHF" : "EUR",
      ownerId: owner.id,
      teamId: owner.teamId,
      createdBy: owner.id,
      stageEnteredAt: new Date(now - (i % 40) * 86_400_000),
    });
  });
  const dealIds: string[] = [];
  await inBatches(values, async (batch) => {
    const rows = await db.insert(deals).values(batch).returning({
      id: deals.id,
      stageId: deals.stageId,
      enteredAt: deals.stageEnteredAt,
      ownerId: deals.ownerId,
      teamId: deals.teamId,
    });
    dealIds.push(...rows.map((r) => r.id));
    await db
      .insert(dealStageHistory)
      .values(
        rows.map((r) => ({ dealId: r.id, stageId: r.stageId, enteredAt: r.enteredAt, movedBy: r.ownerId })),
      );
    await db.insert(dealContacts).values(
      rows.map((r, i) => ({
        dealId: r.id,
        contactId: contactRows[(dealIds.length + i) % contactRows.length]?.id ?? "",
        isPrimary: true,
      })),
    );
    await db.insert(activities).values(
      rows.flatMap((r, i) =>
        i % 2 === 0
          ? [
              {
                ...activityValues({ type: "task" }),
                dealId: r.id,
                ownerId: r.ownerId,
                teamId: r.teamId,
                dueAt: new Date(now + (i % 20) * 86_400_000),
              },
              {
                ...activityValues({ type: "note" }),
                dealId: r.id,
                ownerId: r.ownerId,
                teamId: r.teamId,
                done: true,
                doneAt: new Date(now - (i % 30) * 86_400_000),
              },
            ]
          : [],
      ),
    );
  });
  // Fresh statistics, as autovacuum would gather on PostgreSQL (and the bulk lead seeder does too).
  await db.execute(
    sql`vacuum (analyze) deals, deal_contacts, deal_stage_history, activities, companies, contacts`,
  );
  const seller = sellers[0];
  if (!seller) throw new Error("no seller");
  return { pipelineId: pipeline.id, manager, seller };
}

interface Session {
  cookie: string;
  csrfToken: string;
}

async function login(port: number, email: string): Promise<Session> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie: (response.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; "),
    csrfToken,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * CPU ms per request of this process since `from`: the app, PGlite (in-process WASM) and the bench's
 * own HTTP client together, which the wall times on a shared machine do not show.
 */
function cpuPerRequest(from: NodeJS.CpuUsage, requests: number): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000 / requests;
}

interface MovedDeal {
  id: string;
  version: number;
}

/**
 * What a drop on the board sends (#21 point 3): POST /deals/{id}/move with the card it lands after.
 * The top card of the first column goes to the top of the second and back (`to: "top"`), or behind
 * the other column's first card (`to: "second"`), one request at a time.
 */
async function measureMoves(
  port: number,
  pipelineId: string,
  session: Session,
  requests: number,
  to: "top" | "second",
) {
  const base = `http://127.0.0.1:${port}/api/v1`;
  const headers = {
    cookie: session.cookie,
    "x-csrf-token": session.csrfToken,
    "content-type": "application/json",
  };
  const board = (await (
    await fetch(`${base}/pipelines/${pipelineId}/board?perColumn=2`, { headers })
  ).json()) as {
    columns: { stage: { id: string }; deals: MovedDeal[] }[];
  };
  const [first, second] = board.columns;
  let deal = first?.deals[0];
  if (!first || !second || !deal) throw new Error("the board has no card to move");
  const stages = [first.stage.id, second.stage.id];
  // The card each column's drop lands behind: the first one that is not the card being moved.
  const behind = to === "top" ? [null, null] : [first.deals[1]?.id ?? null, second.deals[0]?.id ?? null];
  const times: number[] = [];
  let cpu = { user: 0, system: 0 };
  for (let i = 0; i < requests + 5; i++) {
    if (i === 5) cpu = process.cpuUsage();
    const started = performance.now();
    const response = await fetch(`${base}/deals/${deal.id}/move`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        stageId: stages[(i + 1) % 2],
        afterDealId: behind[(i + 1) % 2] ?? null,
        version: deal.version,
      }),
    });
    if (!response.ok) throw new Error(`move answered ${response.status}: ${await response.text()}`);
    deal = (await response.json()) as MovedDeal;
    if (i >= 5) times.push(performance.now() - started); // the first five warm up
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    cpu: cpuPerRequest(cpu, requests),
  };
}

async function measure(url: string, cookie: string, requests: number) {
  for (let i = 0; i < 5; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer(); // warm-up
  const times: number[] = [];
  let cards = 0;
  let count = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = (await response.json()) as { columns: { deals: unknown[]; count: number }[] };
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`board answered ${response.status}`);
    cards = body.columns.reduce((n, c) => n + c.deals.length, 0);
    count = body.columns.reduce((n, c) => n + c.count, 0);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    cpu: cpuPerRequest(cpu, requests),
    cards,
    count,
  };
}

export interface BoardBenchOptions {
  deals: number;
  requests: number;
  perColumn: number;
}

/** Seeds a throwaway database of `engine` with open deals, measures the board, returns a Markdown section. */
export async function benchBoard(
  engine: Engine,
  { deals: count, requests, perColumn }: BoardBenchOptions,
  log: (line: string) => void,
): Promise<string> {
  const bench = await startBenchDatabase(engine, log);
  try {
    const seeding = performance.now();
    const { pipelineId, manager, seller } = await seedBoard(bench.database, count);
    log(`seeded ${count} open deals in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const { app, port } = await startApp(bench);
    try {
      const url = `http://127.0.0.1:${port}/api/v1/pipelines/${pipelineId}/board?perColumn=${perColumn}`;
      const rows: string[] = [];
      for (const [role, user] of [
        ["manager", manager],
        ["sales", seller],
      ] as const) {
        const session = await login(port, user.email);
        const m = await measure(url, session.cookie, requests);
        rows.push(
          `| board, ${perColumn} cards per column (${role}) | ${m.count} | ${m.cards} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.p99.toFixed(1)} | ${m.cpu.toFixed(1)} |`,
        );
        if (role === "manager") {
          for (const to of ["top", "second"] as const) {
            const move = await measureMoves(port, pipelineId, session, requests, to);
            const where = to === "top" ? "to the other column's top" : "behind the other column's first card";
            rows.push(
              `| move a card ${where} (${role}) | ${m.count} | 1 | ${move.p50.toFixed(1)} | ${move.p95.toFixed(1)} | ${move.p99.toFixed(1)} | ${move.cpu.toFixed(1)} |`,
            );
          }
        }
      }
      return [
        `### Deal board: ${count.toLocaleString("en")} open deals, ${bench.version}`,
        "",
        `${requests} sequential requests per row over HTTP after 5 warm-up requests; ${new Date().toISOString()}.`,
        "CPU: this process's (app, PGlite's WASM or PostgreSQL's client, the bench's HTTP client) per request.",
        "",
        "| operation | matching deals | cards | p50 ms | p95 ms | p99 ms | CPU ms/req |",
        "|---|---:|---:|---:|---:|---:|---:|",
        ...rows,
        "",
      ].join("\n");
    } finally {
      await app.close();
    }
  } finally {
    await bench.stop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "pglite" },
      deals: { type: "string" },
      requests: { type: "string" },
      "per-column": { type: "string" },
    },
  });
  const engine = values.db as Engine;
  if (engine !== "pglite" && engine !== "postgres") throw new Error("--db must be pglite or postgres");
  const options = {
    // 10,000: the board of #21 point 3 (`npm run bench` keeps its own figure, see run.ts).
    deals: positive(values.deals, 10_000),
    requests: positive(values.requests, 100),
    perColumn: positive(values["per-column"], 50),
  };
  console.log(await benchBoard(engine, options, (line) => console.error(line)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
