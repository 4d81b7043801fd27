import type { Principal } from "@domain/access-policy";
import { DEFAULT_MATRIX, type PermissionMatrix } from "@domain/permissions/permission-matrix";
import type { FastifyBaseLogger } from "fastify";

/**
 * How old the matrix a process works with may get before it is read again: the bound on how long
 * another process keeps the rights from before an admin's change (the process that saves the change
 * uses it at once). One query of a table of at most 18 rows per process and TTL, never per request.
 */
export const PERMISSIONS_TTL_MS = 5_000;

/**
 * The per-role permission matrix of one app process, read whole from the database and kept in memory.
 * Every request's actor carries its role's row (`withRights`, in the auth plugin), so the permission
 * gate (access-policy.ts `scopeFor`, permission-gate.ts) and the action policy decide without a query.
 * When the matrix is older than the TTL, the request is served with it and a re-read starts in the
 * background (only one at a time): the hot list path never waits for it.
 */
export class PermissionStore {
  private matrix: PermissionMatrix = { ...DEFAULT_MATRIX };
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<PermissionMatrix> | null = null;
  private closed = false;

  constructor(
    private readonly read: () => Promise<PermissionMatrix>,
    private readonly log: FastifyBaseLogger,
    private readonly ttlMs = PERMISSIONS_TTL_MS,
  ) {}

  /** The matrix as last read; a stale one starts a re-read for the requests after this one. */
  current(): PermissionMatrix {
    if (Date.now() - this.readAt > this.ttlMs) void this.reload();
    return this.matrix;
  }

  /** The actor with their role's row of the matrix (what scopeFor and the policy read). */
  withRights<P extends Principal>(principal: P): P {
    return { ...principal, permissions: this.current()[principal.role] };
  }

  /** Reads the matrix now (at start, in tests); a read already running is shared. */
  reload(): Promise<PermissionMatrix> {
    if (this.closed) return Promise.resolve(this.matrix);
    this.reading ??= this.read()
      .then((matrix) => this.set(matrix))
      .catch((error: unknown) => {
        // Keep working with the matrix read last; the next request after the TTL tries again.
        this.log.warn({ err: error }, "the permission matrix could not be re-read");
        this.readAt = Date.now();
        return this.matrix;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** Takes a matrix just saved by this process, so its next request already works with it. */
  set(matrix: PermissionMatrix): PermissionMatrix {
    this.matrix = matrix;
    this.readAt = Date.now();
    return matrix;
  }

  /** No more re-reads (the app is closing, its database going away). */
  close(): void {
    this.closed = true;
  }
}
