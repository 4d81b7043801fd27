/**
 * `npm run bench:pdf [-- --runs N]`: the quote PDF alone (issue #19's target: a 50-line quote in
 * p95 ≤ 300 ms, memory flat over 1,000 PDFs). Renders with the app's own renderer, in-process and
 * without a database, so it measures pdfkit and our layout rather than the request around them.
 * Appends its result to BENCHMARKS.md.
 */
import { appendFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { quoteTotals } from "@domain/quotes/quote-totals";
import { type LetterDocument, renderLetterPdf } from "@server/modules/quotes/letter-pdf";
import { letterheadSchema } from "@shared/schemas/quote";

const { values } = parseArgs({ options: { runs: { type: "string", default: "1000" } } });
const runs = Number(values.runs);

const lines = Array.from({ length: 50 }, (_, i) => ({
  description: `Position ${i + 1}: Lizenz, Einrichtung und Schulung für das Vertriebsteam`,
  quantity: String((i % 7) + 1),
  unit: "Stk",
  unitPrice: `${100 + i * 13}.90`,
  discountPercent: i % 5 === 0 ? "10" : "0",
  vatRate: i % 4 === 0 ? "7" : "19",
}));
const totals = quoteTotals(lines);
const letter: LetterDocument = {
  kind: "quote",
  locale: "de",
  formality: "formal",
  number: "AN-2026-0001",
  revision: 1,
  date: "2026-11-23",
  deadline: "2026-12-23",
  sender: letterheadSchema.parse({
    companyName: "Leadwerk Demo GmbH",
    street: "Musterweg 1",
    postalCode: "10115",
    city: "Berlin",
    vatId: "DE123456789",
    iban: "DE02 1001 0010 0006 8201 01",
  }),
  recipient: {
    company: "Müller & Söhne GmbH",
    salutation: "Frau",
    title: null,
    firstName: "Anna",
    lastName: "Schmidt",
    street: "Hauptstraße 5",
    postalCode: "80331",
    city: "München",
    country: null,
  },
  contactPerson: { name: "Ada Admin", email: "ada@example.com" },
  introText: null,
  closingText: null,
  currency: "EUR",
  lines: lines.map((l, i) => ({ ...l, net: totals.lines[i] ?? "0.00" })),
  totals,
};

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

for (let i = 0; i < 20; i += 1) await renderLetterPdf(letter);
const heapBefore = heap();
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i += 1) {
  const start = performance.now();
  bytes = (await renderLetterPdf(letter)).length;
  times.push(performance.now() - start);
}
const heapAfter = heap();
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
const line = `| ${new Date().toISOString().slice(0, 10)} | quote PDF, 50 lines (${bytes} bytes) | ${runs} | ${at(0.5).toFixed(1)} ms | ${at(0.95).toFixed(1)} ms | ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MiB${gc ? "" : " (no --expose-gc)"} | ${os.loadavg()[0]?.toFixed(2)} |`;
console.log(line);
await appendFile(
  "BENCHMARKS.md",
  `\n### Quote PDF (scripts/bench/quote-pdf-bench.ts)\n\n| date | what | runs | p50 | p95 | heap before → after | load |\n|---|---|---|---|---|---|---|\n${line}\n`,
);
