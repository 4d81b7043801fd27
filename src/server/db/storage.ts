import { statfsSync } from "node:fs";
import { statfs } from "node:fs/promises";

/**
 * Free space under the embedded database (issue #21 point 5). PGlite (like PostgreSQL) answers a data
 * file it cannot extend with an ordinary error (SQLSTATE 53100), but a WAL segment it cannot write
 * makes it PANIC: the WebAssembly module aborts, the process loses its database, and the next start
 * aborts in recovery ("RuntimeError: Aborted()", nothing more) until space is freed. So the app keeps a
 * reserve: below it, writes are refused with 503 `storage_full`, readiness says so, and a start refuses
 * with a message naming the folder, before PGlite gets to abort.
 */
export const DEFAULT_MIN_FREE_MB = 64;
const MB = 1024 * 1024;
/** A statfs per write would cost a syscall each; a second-old figure is close enough. */
const CHECK_EVERY_MS = 1_000;

/** Exit code of a start refused for want of space (EX_TEMPFAIL: start again once space is freed). */
export const EXIT_STORAGE_FULL = 75;

const toMb = (bytes: number) => Math.floor(bytes / MB);

/** A start refused: the database folder has less free space than the reserve. */
export class StorageFullError extends Error {
  constructor(
    readonly dir: string,
    readonly freeBytes: number,
    readonly minFreeBytes: number,
  ) {
    super(
      `the database folder ${dir} has ${toMb(freeBytes)} MB free, less than the ${toMb(minFreeBytes)} MB ` +
        "Leadwerk keeps in reserve: free space there (or lower LEADWERK_MIN_FREE_MB) and start again",
    );
    this.name = "StorageFullError";
  }
}

/** Bytes an unprivileged process may still write on the file system holding `dir`. */
export function freeBytesSync(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/** Throws `StorageFullError` when `dir` has less than `minFreeBytes` free. */
export function assertStorageRoom(dir: string, minFreeBytes: number): void {
  const free = freeBytesSync(dir);
  if (free < minFreeBytes) throw new StorageFullError(dir, free, minFreeBytes);
}

/** Watches the free space of a PGlite folder for the write guard and readiness (one per app). */
export class StorageWatch {
  private checkedAt = 0;
  private low = false;

  constructor(
    readonly dir: string,
    /** Writable so a drill can let writes through to PGlite's own error. */
    public minFreeBytes: number,
  ) {}

  /** Whether free space is below the reserve, as of at most a second ago. */
  async isLow(): Promise<boolean> {
    if (Date.now() - this.checkedAt < CHECK_EVERY_MS) return this.low;
    const stats = await statfs(this.dir);
    this.low = stats.bavail * stats.bsize < this.minFreeBytes;
    this.checkedAt = Date.now();
    return this.low;
  }

  /** Forgets the last figure (after a disk-full error, so the next request measures again). */
  forget(): void {
    this.checkedAt = 0;
  }
}

export const megabytes = (mb: number) => mb * MB;
