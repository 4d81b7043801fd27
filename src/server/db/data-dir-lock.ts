import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * PGlite is one PostgreSQL in one process: a second process opening the same data folder would write
 * to the same files unseen and corrupt them. So the folder is claimed by a lock file beside it
 * (`<folder>.lock`: PGlite wants the folder itself to itself), created exclusively, holding the
 * owner's pid and host. A lock whose process no longer runs on this host is stale and taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The database folder ${dataDir} is already open in another Leadwerk process ` +
        `(pid ${owner.pid} on ${owner.host}, since ${owner.since}). PGlite serves one process only: ` +
        "stop that process, set LEADWERK_DATA_DIR to another folder, or use PostgreSQL (DATABASE_URL) " +
        `for several processes. If no such process runs any more, delete ${lockFile}.`,
    );
    this.name = "DataDirInUseError";
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Folders this process holds (a second open from the same process is refused as well). */
const held = new Set<string>();

/** Claims the folder; answers the function that releases it. Throws DataDirInUseError when taken. */
export function lockDataDir(dataDir: string): () => void {
  const folder = path.resolve(dataDir);
  const lockFile = `${folder}.lock`;
  if (held.has(folder)) throw new DataDirInUseError(folder, lockFile, ownerOf(lockFile) ?? me());
  const owner = me();
  const text = JSON.stringify(owner);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile, text, { flag: "wx" });
      break;
    } catch (error) {
      if (!isCode(error, "EEXIST")) throw error;
      const current = ownerOf(lockFile);
      if (attempt > 0 || (current && !isStale(current))) {
        throw new DataDirInUseError(folder, lockFile, current ?? { pid: 0, host: "?", since: "?" });
      }
      unlinkSync(lockFile);
    }
  }
  held.add(folder);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(folder);
    // Only our own lock: after a stale takeover the file may be someone else's now.
    if (readText(lockFile) === text) unlinkSync(lockFile);
  };
}

const me = (): LockOwner => ({ pid: process.pid, host: hostname(), since: new Date().toISOString() });

/**
 * Stale: written on this host by a process that is gone, or by this very pid (a restarted container
 * often gets the same pid; this process holds nothing it did not record in `held`). A lock from another
 * host (a shared network folder) cannot be checked, so it counts as live.
 */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (owner.pid <= 0 || owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return !isCode(error, "EPERM");
  }
}

function ownerOf(lockFile: string): LockOwner | null {
  const text = readText(lockFile);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === "number" && typeof value.host === "string") {
      return { pid: value.pid, host: value.host, since: String(value.since ?? "?") };
    }
  } catch {
    // A torn or foreign file: treated as the lock of a process that is gone.
  }
  return { pid: 0, host: hostname(), since: "?" };
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

const isCode = (error: unknown, code: string) =>
  typeof error === "object" && error !== null && "code" in error && error.code === code;
