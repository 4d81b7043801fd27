#!/usr/bin/env node
// What `npm start` runs: builds the web UI when dist/web is missing or older than its sources, then
// runs the server (src/server/main.ts through tsx), passing SIGINT/SIGTERM/SIGHUP on and exiting as it did.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const builtIndex = path.join(root, "dist", "web", "index.html");
// The UI bundles src/shared too, and a changed lock file may mean changed libraries.
const webSources = ["src/web", "src/shared", "vite.config.ts", "package-lock.json"];
// SIGHUP too: a closed terminal hangs up only the foreground group, which the server is not in.
const forwarded = ["SIGINT", "SIGTERM", "SIGHUP"];

function newestChange(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestChange(path.join(file, entry)));
  return newest;
}

/** Runs `vite build` when dist/web/index.html is missing or older than a source of the UI. */
export function buildWebIfStale() {
  const built = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  const sources = Math.max(...webSources.map((source) => newestChange(path.join(root, source))));
  if (built >= sources) return;
  const reason = built === 0 ? "dist/web is missing" : "dist/web is older than its sources";
  console.log(`Building the web UI first (${reason}): vite build`);
  const result = spawnSync(path.join(root, "node_modules", ".bin", "vite"), ["build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit code ${result.status ?? result.signal})`);
}

/**
 * Runs the server until it exits and resolves with its exit code or signal. The server gets its own
 * process group: a terminal's Ctrl+C (and Playwright's shutdown) signal the whole group, and npm
 * forwards signals too, so without this the server would get each signal twice and close-with-grace
 * takes a second signal as "exit now", skipping the graceful shutdown.
 */
export function runServer(env = process.env, entry = "src/server/main.ts") {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env,
    stdio: "inherit",
    detached: true,
  });
  let lastForward = 0;
  const forward = (signal) => {
    // The same Ctrl+C can arrive twice (from the terminal and from npm); a later one is meant.
    if (Date.now() - lastForward < 1000) return;
    lastForward = Date.now();
    child.kill(signal);
  };
  const killOnExit = () => child.kill("SIGKILL");
  for (const signal of forwarded) process.on(signal, forward);
  process.on("exit", killOnExit);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      for (const signal of forwarded) process.off(signal, forward);
      process.off("exit", killOnExit);
      resolve({ code, signal });
    });
  });
}

/** Ends this process the way the server ended: same exit code, or death by the same signal. */
export function exitLike({ code, signal }) {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    buildWebIfStale();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  exitLike(await runServer());
}
