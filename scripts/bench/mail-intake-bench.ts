/**
 * `npm run bench:mail [-- --db postgres|pglite] [--url postgres://…] [--mails N] [--concurrency N]`
 *
 * Email intake throughput (issue #16: ≥ 50 mails/s): the real app with its SMTP intake listener on
 * 127.0.0.1, N mails sent by nodemailer over C pooled SMTP connections, each taken through the whole
 * path (mailparser, sanitising, contact lookup, the intake pipeline, the email activity, the inbound
 * record). Nine of ten mails come from new senders (a new lead each), one of ten from a sender seen
 * before (added to the open lead). --url measures an already seeded PostgreSQL (hold-postgres.ts,
 * e.g. 1M leads and 300k contacts) instead of an empty throwaway one. Appends to BENCHMARKS.md.
 */
import { appendFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { buildApp } from "@server/app";
import { writeStoredEmailSettings } from "@server/modules/mail/mail-settings.repository";
import nodemailer from "nodemailer";
import { type BenchDatabase, type Engine, existingPostgresBench, startBenchDatabase } from "./bench-database";

const INTAKE = "anfragen@bench.leadwerk.test";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    url: { type: "string" },
    mails: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "8" },
    out: { type: "string", default: "BENCHMARKS.md" },
  },
});
const mails = Number(values.mails);
const concurrency = Number(values.concurrency);
const log = (line: string) => console.log(line);

function mail(n: number, run: string) {
  const repeat = n % 10 === 9;
  const sender = repeat ? n - 9 : n;
  return {
    from: `"Kunde ${sender}" <kunde${sender}@firma-${run}-${sender}.de>`,
    to: INTAKE,
    subject: `Anfrage ${n}: Angebot für 3 Maschinen`,
    text: `Guten Tag,\n\nwir brauchen ein Angebot (${n}).\n\nMit freundlichen Grüßen`,
    html: `<p>Guten Tag,</p><p>wir brauchen ein <b>Angebot</b> (${n}).</p>`,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main() {
  const bench: BenchDatabase = values.url
    ? await existingPostgresBench(values.url)
    : await startBenchDatabase(values.db as Engine, log);
  const config = { ...bench.config, mail: { ...bench.config.mail, intake: { port: 0, host: "127.0.0.1" } } };
  const app = await buildApp(config, { database: bench.database, logger: false });
  try {
    await writeStoredEmailSettings(bench.database.db, { smtp: null, imap: null, intakeAddresses: [INTAKE] });
    await app.ready();
    const port = app.mail.intakePort ?? 0;
    const run = Date.now().toString(36);
    const transports = Array.from({ length: concurrency }, () =>
      nodemailer.createTransport({
        host: "127.0.0.1",
        port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
        maxMessages: Number.POSITIVE_INFINITY,
      }),
    );
    // Warm-up: the first mails pay for compiling and connecting.
    await Promise.all(transports.map((t, i) => t.sendMail(mail(-1 - i, `${run}w`))));
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      transports.map(async (transport) => {
        while (next < mails) {
          const n = next++;
          const t0 = performance.now();
          await transport.sendMail(mail(n, run));
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const t of transports) t.close();
    latencies.sort((a, b) => a - b);
    const rate = mails / seconds;
    const line = `| ${bench.version} | ${values.url ? "seeded (--url)" : "empty"} | ${mails} | ${concurrency} | ${rate.toFixed(1)} | ${percentile(latencies, 0.5).toFixed(1)} | ${percentile(latencies, 0.95).toFixed(1)} | ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)} |`;
    log(
      `email intake: ${rate.toFixed(1)} mails/s, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms`,
    );
    await appendFile(
      values.out,
      `\n## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: email intake (npm run bench:mail)\n\n` +
        "| database | data | mails | connections | mails/s | p50 ms | p95 ms | machine |\n|---|---|---|---|---|---|---|---|\n" +
        `${line}\n`,
    );
  } finally {
    await app.close();
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
