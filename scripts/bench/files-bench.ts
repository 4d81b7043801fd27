/**
 * `npx tsx scripts/bench/files-bench.ts [--db pglite|postgres] [--url URL] [--leads N] [--rows N]
 *   [--xlsx-rows N] [--skip-export] [--skip-import] [--formats csv,xlsx] [--parallel N]
 *   [--encoding gzip|br|identity] [--out FILE]`
 *
 * The file import and export of issue #17, measured over HTTP against the real app in this process.
 * The database: a throwaway one seeded with --leads generated leads (default 100,000), or with --url
 * a PostgreSQL already seeded (hold-postgres.ts; nothing is seeded, the import's leads stay in it).
 * Steps: the German CSV and XLSX export of all leads as a manager sees them (rows/s, the app
 * process's peak RSS); a German-Excel CSV of --rows rows (Windows-1252, `;`, CRLF, phones in several
 * spellings, a tenth of the rows naming the email of an existing lead) imported with "fill empty
 * only" against email and phone: upload, dry run and the job, each with rows/s; a bare `COPY` of the
 * same file into a scratch table of text columns in the same run, and the job's ratio to it (the
 * issue's goal: ≥ 0.3); an XLSX of --xlsx-rows rows (default --rows) read and stored by the upload.
 * Appends a section to BENCHMARKS.md. Not part of `npm test`.
 */
import { createReadStream, createWriteStream, openAsBlob } from "node:fs";
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";
import { createActors, startApp } from "./bench-app";
import { type BenchDatabase, type Engine, existingPostgresBench, startBenchDatabase } from "./bench-database";
import { databaseCpu } from "./database-cpu";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    url: { type: "string" },
    leads: { type: "string", default: "100000" },
    rows: { type: "string", default: "20000" },
    "xlsx-rows": { type: "string" },
    "skip-export": { type: "boolean", default: false },
    // The export alone (e.g. to compare two versions of it on one database).
    "skip-import": { type: "boolean", default: false },
    out: { type: "string", default: "BENCHMARKS.md" },
    // The export's formats (csv,xlsx), how many of each run at once (memory under concurrent
    // downloads), and the Accept-Encoding the client sends ("identity": none, so the figures hold the
    // export alone, without compressing and decompressing).
    formats: { type: "string", default: "csv,xlsx" },
    parallel: { type: "string", default: "1" },
    encoding: { type: "string", default: "gzip" },
  },
});
const formats = (values.formats ?? "csv,xlsx").split(",") as ("csv" | "xlsx")[];
const parallel = Math.max(1, Number(values.parallel));
const engine = (values.url ? "postgres" : values.db) as Engine;
const seedLeads = Number(values.leads);
const rows = Number(values.rows);
const xlsxRows = Number(values["xlsx-rows"] ?? values.rows);
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const fmt = (n: number) => Math.round(n).toLocaleString("en");
const rate = (count: number, ms: number) => fmt((count / ms) * 1000);

/** The peak resident memory of this process (the app runs in it) while `run` goes. */
async function measured<T>(run: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await run();
    const used = process.cpuUsage(cpu);
    // This process's CPU (the app and the bench's client): on a shared machine a steadier figure than the wall time.
    const cpuMs = (used.user + used.system) / 1000;
    return { result, ms: performance.now() - started, cpuMs, peakMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** Reads a streamed answer to its end without keeping it: bytes and line breaks. */
async function drain(response: Response) {
  let bytes = 0;
  let lines = 0;
  const reader = response.body?.getReader();
  if (!reader) return { bytes, lines };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (const byte of value) if (byte === 10) lines++;
  }
  return { bytes, lines };
}

const HEADER = ["Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Straße", "PLZ", "Ort", "Quelle"];
const PHONES = [
  (n: string) => `0171 ${n}`,
  (n: string) => `+49 171 ${n}`,
  (n: string) => `0049-171-${n}`,
  (n: string) => `(0171) ${n.slice(0, 3)} ${n.slice(3)}`,
  (n: string) => `0171/${n}`,
];

/**
 * This run's own people: a repeated run on a held database would otherwise find every new person of
 * the last run again (all duplicates, nothing written), so addresses and phones carry a run tag.
 */
const RUN = Math.floor(Math.random() * 1_000_000);
const RUN_TAG = RUN.toString(36);

/** Row i of the generated file: a new person, or (every tenth row) the email of an existing lead. */
function fileRow(i: number, existing: readonly string[]): string[] {
  const known = i % 10 === 0 ? existing[(i / 10) % Math.max(existing.length, 1)] : undefined;
  // Eight digits after 0171, unique within a run of up to 2^20 rows.
  const digits = String(10_000_000 + ((RUN * 1_048_576 + i) % 89_999_999));
  const phone = PHONES[i % PHONES.length]?.(digits) ?? "";
  return [
    i % 7 === 0 ? "Jörg" : "Jürgen",
    `Müller ${i}`,
    `Bäckerei ${i % 997} GmbH`,
    known ?? `import${i}.${RUN_TAG}@bench.example`,
    phone,
    `Hauptstraße ${i % 200}`,
    String(10_000 + (i % 89_999)),
    i % 3 === 0 ? "Köln" : "München",
    "Messe",
  ];
}

/** The CSV a German Excel writes: Windows-1252, `;`, CRLF; streamed to disk, never whole in memory. */
async function writeGermanCsv(file: string, count: number, existing: readonly string[]) {
  async function* lines() {
    yield `${HEADER.join(";")}\r\n`;
    let chunk: string[] = [];
    for (let i = 1; i <= count; i++) {
      chunk.push(`${fileRow(i, existing).join(";")}\r\n`);
      if (chunk.length === 10_000) {
        yield chunk.join("");
        chunk = [];
      }
    }
    yield chunk.join("");
  }
  await pipeline(Readable.from(lines()), iconv.encodeStream("win1252"), createWriteStream(file));
}

async function writeXlsx(file: string, count: number, existing: readonly string[]) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const sheet = workbook.addWorksheet("Leads");
  sheet.addRow(HEADER).commit();
  for (let i = 1; i <= count; i++) sheet.addRow(fileRow(i, existing)).commit();
  sheet.commit();
  await workbook.commit();
}

/** A bare COPY of the file into a scratch table of text columns: what the database alone takes. */
async function bareCopy(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("drop table if exists bench_copy_scratch");
    await client.query(`create table bench_copy_scratch (${HEADER.map((_, i) => `c${i} text`).join(", ")})`);
    const started = performance.now();
    const copy = client.query(
      copyFrom(
        "copy bench_copy_scratch from stdin with (format csv, delimiter ';', header true, encoding 'WIN1252')",
      ),
    );
    await pipeline(createReadStream(file), copy);
    const ms = performance.now() - started;
    const { rows: counted } = await client.query<{ n: string }>(
      "select count(*) as n from bench_copy_scratch",
    );
    // What the leads table itself takes for the same rows (its indexes and triggers), with nothing
    // checked, normalised or resolved: one INSERT … SELECT from the scratch table, rolled back.
    await client.query("begin");
    const intoLeads = performance.now();
    await client.query(`insert into leads (first_name, last_name, company_name, email, phone, street,
        postal_code, city, source, status, lifecycle_stage, mal_at)
      select c0, c1, c2, c3, c4, c5, c6, c7, 'trade_show', 'new', 'mal', now() from bench_copy_scratch`);
    const leadsMs = performance.now() - intoLeads;
    await client.query("rollback");
    return { ms, leadsMs, count: Number(counted[0]?.n ?? 0) };
  } finally {
    await client.query("drop table if exists bench_copy_scratch");
    await client.end();
  }
}

interface ImportState {
  id: string;
  status: string;
  mapping: Record<string, string | null>;
  counts: Record<string, number>;
}

const bench: BenchDatabase = values.url
  ? await existingPostgresBench(values.url)
  : await startBenchDatabase(engine, log);
const lines: string[] = [];
const note = (line: string) => {
  log(line);
  lines.push(line);
};
const dir = await mkdtemp(path.join(os.tmpdir(), "leadwerk-files-bench-"));
const loadBefore = os.loadavg()[0] ?? 0;
try {
  if (!values.url) {
    log(`seeding ${seedLeads} leads on ${bench.version}`);
    await seedBulkLeads(bench.database, { leads: seedLeads, log });
  }
  const { app, port } = await startApp(bench);
  const { manager } = await createActors(bench.database);
  const base = `http://127.0.0.1:${port}/api/v1`;
  const auth = { authorization: `Bearer ${manager.token}` };
  const leadCount = Number(
    (
      (await bench.database.pool?.query("select count(*) as n from leads where deleted_at is null"))
        ?.rows[0] as { n: string } | undefined
    )?.n ?? seedLeads,
  );

  if (!values["skip-export"])
    for (const format of formats) {
      const headers = { ...auth, "accept-encoding": values.encoding ?? "gzip" };
      // The database's client backends' CPU (database-cpu.ts; a PostgreSQL on this machine only).
      const databaseDone = await databaseCpu(bench.database.pool);
      const run = await measured(() =>
        Promise.all(
          Array.from({ length: parallel }, async () =>
            drain(await fetch(`${base}/leads/export.${format}?locale=de`, { headers })),
          ),
        ),
      );
      const databaseMs = await databaseDone();
      // Not the CSV's line count: an address cell holds line breaks of its own.
      const exported = leadCount * parallel;
      const bytes = run.result.reduce((sum, r) => sum + r.bytes, 0) / parallel;
      const which = process.env.LEADWERK_EXPORT_COPY === "off" ? ", JS path" : "";
      note(
        `export ${format.toUpperCase()} (de${which}, ${values.encoding}) of ${fmt(leadCount)} leads${parallel > 1 ? ` ×${parallel} at once` : ""}: ${(run.ms / 1000).toFixed(1)} s, ${rate(exported, run.ms)} rows/s, ${(bytes / 1024 / 1024).toFixed(1)} MB each, app process peak RSS ${run.peakMb} MB, app process CPU ${(run.cpuMs / 1000).toFixed(1)} s (${rate(exported, run.cpuMs)} rows per CPU-second), database CPU ${databaseMs === null ? "–" : `${(databaseMs / 1000).toFixed(1)} s (${((databaseMs * 1000) / exported).toFixed(1)} µs per row)`}, load ${loadBefore.toFixed(2)} before, ${(os.loadavg()[0] ?? 0).toFixed(2)} after`,
      );
    }

  if (values["skip-import"]) {
    await app.close();
  } else {
    const existing = (
      ((
        await bench.database.pool?.query(
          "select lower(email) as email from leads where email is not null and deleted_at is null order by id limit $1",
          [Math.ceil(rows / 10)],
        )
      )?.rows ?? []) as { email: string }[]
    ).map((r) => r.email);
    const csvFile = path.join(dir, "bench.csv");
    await writeGermanCsv(csvFile, rows, existing);

    const upload = async (file: string, name: string) => {
      const form = new FormData();
      form.set("entity", "lead");
      // A file-backed Blob: the upload streams from disk, the bench holds no copy of the file.
      form.set("file", await openAsBlob(file), name);
      const response = await fetch(`${base}/imports`, { method: "POST", headers: auth, body: form });
      if (!response.ok) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as ImportState;
    };
    const uploaded = await measured(() => upload(csvFile, "bench.csv"));
    const created = uploaded.result;
    note(
      `import upload of a ${fmt(rows)}-row German Excel CSV (streamed, read, checked, stored): ${(uploaded.ms / 1000).toFixed(1)} s, ${rate(rows, uploaded.ms)} rows/s, app process peak RSS ${uploaded.peakMb} MB, app process CPU ${(uploaded.cpuMs / 1000).toFixed(1)} s`,
    );
    const dry = await measured(async () => {
      const response = await fetch(`${base}/imports/${created.id}/mapping`, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          columns: created.mapping,
          duplicatePolicy: "fill_empty",
          matchOn: ["email", "phone"],
          locale: "de",
        }),
      });
      if (!response.ok) throw new Error(`dry run answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as ImportState;
    });
    note(
      `import dry run (mapping, intake normalise/identity, duplicates against ${fmt(leadCount)} leads): ${(dry.ms / 1000).toFixed(1)} s, ${rate(rows, dry.ms)} rows/s, ${JSON.stringify(dry.result.counts)}, app process peak RSS ${dry.peakMb} MB, app process CPU ${(dry.cpuMs / 1000).toFixed(1)} s`,
    );
    const run = await measured(async () => {
      await fetch(`${base}/imports/${created.id}/start`, { method: "POST", headers: auth });
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        // A busy machine may answer a poll with a 503 (no connection in time): the next poll asks again.
        const response = await fetch(`${base}/imports/${created.id}`, { headers: auth });
        if (!response.ok) continue;
        const state = (await response.json()) as ImportState;
        if (state.status !== "running") return state;
      }
    });
    const jobRate = (rows / run.ms) * 1000;
    note(
      `import job (batches of 5,000 planned once and written set-based, each one transaction) to ${run.result.status}, ${JSON.stringify(run.result.counts)}: ${(run.ms / 1000).toFixed(1)} s, ${fmt(jobRate)} rows/s, app process peak RSS ${run.peakMb} MB, app process CPU ${(run.cpuMs / 1000).toFixed(1)} s`,
    );
    note(
      `import end to end (upload + dry run + job): ${((uploaded.ms + dry.ms + run.ms) / 1000).toFixed(1)} s, ${rate(rows, uploaded.ms + dry.ms + run.ms)} rows/s`,
    );

    if (bench.engine === "postgres" && bench.config.database.kind === "postgres") {
      const copy = await bareCopy(bench.config.database.url, csvFile);
      const copyRate = (copy.count / copy.ms) * 1000;
      note(
        `bare COPY of the same file (${fmt(copy.count)} rows, WIN1252 CSV into a scratch table of text columns, no indexes): ${(copy.ms / 1000).toFixed(1)} s, ${fmt(copyRate)} rows/s; import job ÷ COPY = ${(jobRate / copyRate).toFixed(3)}`,
      );
      const leadsRate = (copy.count / copy.leadsMs) * 1000;
      note(
        `bare INSERT … SELECT of those rows into \`leads\` (its indexes and triggers, nothing checked; rolled back): ${(copy.leadsMs / 1000).toFixed(1)} s, ${fmt(leadsRate)} rows/s; import job ÷ that = ${(jobRate / leadsRate).toFixed(3)}`,
      );
    }

    if (xlsxRows > 0) {
      const xlsxFile = path.join(dir, "bench.xlsx");
      await writeXlsx(xlsxFile, xlsxRows, existing);
      const xlsx = await measured(() => upload(xlsxFile, "bench.xlsx"));
      note(
        `XLSX upload of ${fmt(xlsxRows)} rows (streamed WorkbookReader, read, checked, stored): ${(xlsx.ms / 1000).toFixed(1)} s, ${rate(xlsxRows, xlsx.ms)} rows/s, app process peak RSS ${xlsx.peakMb} MB, app process CPU ${(xlsx.cpuMs / 1000).toFixed(1)} s`,
      );
    }
    await app.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await bench.stop();
}
const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
// The URL of a held database names its password: the section shows where it came from instead.
const args = process.argv
  .slice(2)
  .map((a) => (a === values.url ? "<hold-postgres URL>" : a))
  .join(" ");
await appendFile(
  values.out ?? "BENCHMARKS.md",
  `\n## Files in and out (issue #17), ${stamp} UTC, ${bench.version}, ${os.cpus().length} cores, load ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]?.toFixed(2)} after\n\n\`npx tsx scripts/bench/files-bench.ts ${args}\`\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`,
);
