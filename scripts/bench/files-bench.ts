/**
 * `npx tsx scripts/bench/files-bench.ts [--db pglite|postgres] [--leads N] [--rows N] [--out FILE]`
 *
 * The file import and export of issue #17, measured over HTTP against the real app in this process:
 * a throwaway database seeded with N generated leads (default 100,000); the German CSV and the XLSX
 * export of all of them as a manager sees them (rows/s, the app process's peak RSS); then an import
 * of a generated German CSV of --rows rows (default 20,000): upload, dry run, the job to the end
 * (rows/s of each step). Appends a section to BENCHMARKS.md. Not part of `npm test`.
 */
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";
import { createActors, startApp } from "./bench-app";
import { type Engine, startBenchDatabase } from "./bench-database";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    leads: { type: "string", default: "100000" },
    rows: { type: "string", default: "20000" },
    out: { type: "string", default: "BENCHMARKS.md" },
  },
});
const engine = values.db as Engine;
const leads = Number(values.leads);
const rows = Number(values.rows);
const log = (line: string) => console.log(line);

/** The peak resident memory of this process (the app runs in it) while `run` goes. */
async function measured<T>(run: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const result = await run();
    return { result, ms: performance.now() - started, peakMb: Math.round(peak / 1024 / 1024) };
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

function germanCsv(count: number): string {
  const out = ["Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Quelle"];
  for (let i = 1; i <= count; i++)
    out.push(
      `Jürgen;Müller ${i};Bäckerei ${i % 997} GmbH;import${i}@bench.example;0171 ${String(1_000_000 + i)};Hauptstraße ${i % 200};${String(10_000 + (i % 89_999))};München;Messe`,
    );
  return `${out.join("\r\n")}\r\n`;
}

const bench = await startBenchDatabase(engine, log);
const lines: string[] = [];
try {
  log(`seeding ${leads} leads on ${bench.version}`);
  await seedBulkLeads(bench.database, { leads, log });
  const { app, port } = await startApp(bench);
  const { manager } = await createActors(bench.database);
  const base = `http://127.0.0.1:${port}/api/v1`;
  const auth = { authorization: `Bearer ${manager.token}` };

  for (const format of ["csv", "xlsx"] as const) {
    const run = await measured(async () =>
      drain(await fetch(`${base}/leads/export.${format}?locale=de`, { headers: auth })),
    );
    const exported = format === "csv" ? run.result.lines - 1 : leads;
    const line = `export ${format.toUpperCase()} (de) of ${exported.toLocaleString("en")} leads: ${(run.ms / 1000).toFixed(1)} s, ${Math.round((exported / run.ms) * 1000).toLocaleString("en")} rows/s, ${(run.result.bytes / 1024 / 1024).toFixed(1)} MB, app process peak RSS ${run.peakMb} MB`;
    log(line);
    lines.push(line);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), "leadwerk-files-bench-"));
  const file = path.join(dir, "bench.csv");
  await writeFile(file, germanCsv(rows));
  const form = new FormData();
  form.set("entity", "lead");
  form.set("file", new Blob([await readFile(file)]), "bench.csv");
  const upload = await measured(async () =>
    (await fetch(`${base}/imports`, { method: "POST", headers: auth, body: form })).json(),
  );
  const created = upload.result as { id: string; mapping: Record<string, string | null> };
  await rm(dir, { recursive: true, force: true });
  const dry = await measured(async () =>
    (
      await fetch(`${base}/imports/${created.id}/mapping`, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          columns: created.mapping,
          duplicatePolicy: "skip",
          matchOn: ["email", "phone"],
          locale: "de",
        }),
      })
    ).json(),
  );
  const run = await measured(async () => {
    await fetch(`${base}/imports/${created.id}/start`, { method: "POST", headers: auth });
    for (;;) {
      const state = (await (await fetch(`${base}/imports/${created.id}`, { headers: auth })).json()) as {
        status: string;
        counts: Record<string, number>;
      };
      if (state.status !== "running") return state;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  const rate = (ms: number) => Math.round((rows / ms) * 1000).toLocaleString("en");
  for (const line of [
    `import upload of a ${rows.toLocaleString("en")}-row German CSV (read, checked, stored): ${(upload.ms / 1000).toFixed(1)} s, ${rate(upload.ms)} rows/s`,
    `import dry run (mapping, intake normalise/identity, duplicates against ${leads.toLocaleString("en")} leads): ${(dry.ms / 1000).toFixed(1)} s, ${rate(dry.ms)} rows/s`,
    `import job (intake pipeline, batches in transactions) to ${run.result.status}, ${JSON.stringify(run.result.counts)}: ${(run.ms / 1000).toFixed(1)} s, ${rate(run.ms)} rows/s; app process peak RSS ${Math.max(upload.peakMb, dry.peakMb, run.peakMb)} MB`,
  ]) {
    log(line);
    lines.push(line);
  }
  await app.close();
} finally {
  await bench.stop();
}
const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
await appendFile(
  values.out ?? "BENCHMARKS.md",
  `\n## Files in and out (issue #17), ${stamp} UTC, ${bench.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}\n\n\`npx tsx scripts/bench/files-bench.ts --db ${engine} --leads ${leads} --rows ${rows}\`\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`,
);
