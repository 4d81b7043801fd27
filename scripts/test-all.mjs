#!/usr/bin/env node
// What `npm test` runs: every check and suite in turn, going on after a failure so that each one
// reports, then a table and, as the very last line, `total: N passed, N failed` (CI reads that line).
// Tests are counted from the JSON reports; lint, typecheck, the Chromium check and the UI build count
// as one check each. Exit code 1 when anything failed.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const resultsDir = path.join(root, "test-results");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const minutes = (n) => n * 60_000;

const vitestProject = (project, label) => ({
  label,
  command: bin("vitest"),
  args: [
    "run",
    `--project=${project}`,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=test-results/vitest-${project}.json`,
  ],
  report: { kind: "vitest", file: path.join(resultsDir, `vitest-${project}.json`) },
  // Hang guards only: the whole of CI has 25 minutes.
  timeout: minutes(8),
});

const steps = [
  {
    label: "Chromium",
    command: process.execPath,
    args: ["scripts/ensure-chromium.mjs"],
    timeout: minutes(10),
  },
  {
    // The IMAP server of the email-to-lead tests (test/imap-server.ts); installed like Chromium.
    label: "Dovecot",
    command: process.execPath,
    args: ["scripts/ensure-dovecot.mjs"],
    timeout: minutes(10),
  },
  { label: "lint (biome)", command: bin("biome"), args: ["check", "."], timeout: minutes(3) },
  {
    label: "typecheck (tsc)",
    command: bin("tsc"),
    args: ["--noEmit", "-p", "tsconfig.json"],
    timeout: minutes(5),
  },
  vitestProject("unit", "unit"),
  vitestProject("api-pglite", "API on PGlite"),
  {
    ...vitestProject("api-postgres", "API on PostgreSQL"),
    // TEST_ALONGSIDE=1 runs it beside the UI build and the e2e suite, under `nice`, its output kept in
    // a file and printed once it is over. On a quiet 2-core machine that saves about 4 minutes (the e2e
    // suite leaves a quarter of the cores idle), but on the CI machine it slowed the e2e suite from about
    // 11 to over 17 minutes, so CI runs the steps one after the other.
    alongside: process.env.TEST_ALONGSIDE === "1",
    timeout: minutes(process.env.TEST_ALONGSIDE === "1" ? 15 : 8),
  },
  { label: "build UI (vite)", command: bin("vite"), args: ["build"], timeout: minutes(5) },
  {
    label: "e2e (playwright)",
    command: bin("playwright"),
    args: ["test"],
    // playwright.config.ts writes this report besides the list on the console.
    report: { kind: "playwright", file: path.join(resultsDir, "playwright.json") },
    needs: ["Chromium", "build UI (vite)"],
    // About 11 minutes on a quiet 2-core machine with axe on every screen (74 tests): the guard sits above it.
    timeout: minutes(17),
  },
];

let interrupted = false;
const running = new Set();
// Each step runs in its own process group (see run), so Ctrl+C and SIGTERM are passed on to it.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    for (const child of running) stopGroup(child, signal);
  });
}

/** Signals a step's whole process group (it was started detached), or the child alone if that fails. */
function stopGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Runs one command with its output streaming through (or, for a step that runs alongside others,
 * into `logFile`); resolves with its exit code (or a note).
 */
function run(step, logFile) {
  return new Promise((resolve) => {
    // Its own process group, so that a stop reaches what it started too (Playwright's web server,
    // the PostgreSQL of the API tests): an orphaned e2e server would hold its port for the next run.
    // A step alongside runs under `nice`, which its workers and database servers inherit.
    const [command, args] = logFile
      ? ["nice", ["-n", "10", step.command, ...step.args]]
      : [step.command, step.args];
    const output = logFile ? openSync(logFile, "w") : null;
    const stdio = output === null ? "inherit" : ["ignore", output, output];
    const child = spawn(command, args, { cwd: root, stdio, detached: true });
    if (output !== null) closeSync(output);
    running.add(child);
    let timedOut = false;
    // SIGINT first: Playwright and Vitest then end the running tests, write their reports and name
    // the tests that were cut off, which the list of failed tests below shows.
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child, "SIGINT");
      setTimeout(() => stopGroup(child, "SIGTERM"), 20_000).unref();
      setTimeout(() => stopGroup(child, "SIGKILL"), 30_000).unref();
    }, step.timeout);
    child.once("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code: null, note: `could not start (${error.code ?? error.message}); did npm ci run?` });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (timedOut) resolve({ code, note: `stopped after ${step.timeout / 60_000} minutes` });
      else resolve({ code, note: signal ? `ended by ${signal}` : "" });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** The first line of an error message, without colour codes, at most 200 characters. */
function firstLine(text) {
  if (!text) return "";
  return stripVTControlCharacters(text).trim().split("\n")[0].slice(0, 200);
}

/** Passed and failed tests from a report; a file that failed to load counts as one failed test. */
function countReport(report) {
  const data = readJson(report.file);
  if (!data) return null;
  if (report.kind === "vitest") {
    const brokenFiles = data.testResults.filter(
      (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
    ).length;
    const names = data.testResults.flatMap((file) => {
      const where = path.relative(root, file.name);
      const failedTests = file.assertionResults.filter((test) => test.status === "failed");
      if (file.status === "failed" && failedTests.length === 0) {
        return [`${where}: ${firstLine(file.message) || "failed to run"}`];
      }
      return failedTests.map(
        (test) => `${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
      );
    });
    return {
      passed: data.numPassedTests,
      failed: data.numFailedTests + brokenFiles,
      skipped: data.numPendingTests + data.numTodoTests,
      note: brokenFiles ? `${brokenFiles} test file(s) failed to run` : "",
      names,
    };
  }
  const { stats, errors = [] } = data;
  const names = [];
  const timed = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const last = test.results?.at(-1);
        timed.push({ ms: last?.duration ?? 0, name: `${spec.file}:${spec.line} › ${spec.title}` });
        // A test cut off by a stop (the step's time guard, Ctrl+C) counts as skipped: name it anyway.
        if (test.status !== "unexpected" && last?.status !== "interrupted") continue;
        const error = last?.status === "interrupted" ? "interrupted" : last?.error?.message;
        names.push(`${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, suite.title ? [...titles, suite.title] : titles);
  };
  for (const suite of data.suites ?? []) walk(suite, []);
  return {
    names,
    slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 5),
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (stats.unexpected === 0 && errors.length > 0 ? 1 : 0),
    skipped: stats.skipped,
    note: errors[0]?.message?.split("\n")[0] ?? "",
  };
}

function score(step, { code, note }) {
  if (!step.report) {
    const passed = code === 0;
    return { passed: passed ? 1 : 0, failed: passed ? 0 : 1, skipped: 0, note };
  }
  const counted = countReport(step.report);
  if (!counted) {
    return { passed: 0, failed: 1, skipped: 0, note: note || `crashed without a report (exit code ${code})` };
  }
  if (code !== 0 && counted.failed === 0) {
    const why = counted.passed === 0 ? "no tests ran" : "errors outside the tests";
    return { ...counted, failed: 1, note: note || `exit code ${code}: ${why}, see the output above` };
  }
  return { ...counted, note: note || counted.note };
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const results = [];
const alongside = [];
for (const [index, step] of steps.entries()) {
  const startedAt = Date.now();
  const blockedBy = (step.needs ?? []).filter((label) => results.find((r) => r?.label === label)?.failed);
  const finish = (result) => ({ label: step.label, seconds: (Date.now() - startedAt) / 1000, ...result });
  if (interrupted) {
    results.push(finish({ passed: 0, failed: 1, skipped: 0, note: "not run: interrupted" }));
  } else if (blockedBy.length > 0) {
    results.push(
      finish({ passed: 0, failed: 1, skipped: 0, note: `not run: ${blockedBy.join(" and ")} failed` }),
    );
  } else if (step.alongside) {
    const logFile = path.join(resultsDir, `${step.label.replace(/\W+/g, "-")}.log`);
    console.log(
      `\n▶ [${index + 1}/${steps.length}] ${step.label}, alongside the steps after it (output follows at the end): ${path.basename(step.command)} ${step.args.join(" ")}`,
    );
    const slot = results.push(null) - 1;
    alongside.push(
      run(step, logFile).then((outcome) => ({
        slot,
        logFile,
        label: step.label,
        result: finish(score(step, outcome)),
      })),
    );
  } else {
    console.log(
      `\n▶ [${index + 1}/${steps.length}] ${step.label}: ${path.basename(step.command)} ${step.args.join(" ")}`,
    );
    results.push(finish(score(step, await run(step))));
  }
}
for (const { slot, logFile, label, result } of await Promise.all(alongside)) {
  console.log(`\n▶ output of ${label} (ran alongside):`);
  console.log(readFileSync(logFile, "utf8").trimEnd());
  results[slot] = result;
}

// The names of the failed tests come last but for the table, so that a log cut to its tail still says
// which test to look at.
const failedNames = results.flatMap((r) => (r.names ?? []).map((name) => `${r.label}: ${name}`));
if (failedNames.length > 0) {
  console.log("\nfailed tests:");
  for (const name of failedNames.slice(0, 20)) console.log(`  ✗ ${name}`);
  if (failedNames.length > 20) console.log(`  … and ${failedNames.length - 20} more`);
}

// The suite's slowest tests, for whoever has to keep CI under its 25 minutes.
for (const r of results.filter((result) => result.slowest?.length)) {
  console.log(`\nslowest tests of ${r.label}:`);
  for (const { ms, name } of r.slowest) console.log(`  ${(ms / 1000).toFixed(1).padStart(5)}s  ${name}`);
}

const width = Math.max(...results.map((r) => r.label.length));
const row = (cells) => cells.join("  ").trimEnd();
console.log(`\n${row(["step".padEnd(width), "passed", "failed", "skipped", "   time", " note"])}`);
for (const r of results) {
  const mark = r.failed ? "✗" : "✓";
  console.log(
    row([
      r.label.padEnd(width),
      String(r.passed).padStart(6),
      String(r.failed).padStart(6),
      String(r.skipped).padStart(7),
      `${r.seconds.toFixed(1)}s`.padStart(7),
      `${mark} ${r.note}`,
    ]),
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
