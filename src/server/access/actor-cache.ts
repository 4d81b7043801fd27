import type { Actor } from "@server/access/permission-gate";
import { LRUCache } from "lru-cache";

/**
 * Who a session or API token belongs to, kept for a few seconds per process. Without it every request
 * starts with a join of sessions (or api_tokens) and users: about a tenth of a list request's CPU and a
 * database round trip (BENCHMARKS.md). A stale entry would let a revoked login through, so:
 * - the process that ends a login forgets it at once (`forget`);
 * - every change to a user's account or logins is announced on the live bus (`user.changed`, over
 *   LISTEN/NOTIFY on PostgreSQL) and every process forgets that user's entries (`forgetUser`);
 * - an entry lives at most TTL_MS, which bounds the window should a notification ever be lost
 *   (a listener reconnecting), and keeps the sliding session expiry being refreshed.
 * lru-cache bounds the memory (MAX_ENTRIES logins) and expires entries by age.
 */
export const TTL_MS = 15_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  /** When the session itself expires (ms since epoch); API tokens do not expire by time. */
  expiresAt: number;
}

export class ActorCache {
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES, ttl: TTL_MS });

  /** The cached actor of a token hash, unless its session has expired meanwhile. */
  get(tokenHash: string): Actor | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(tokenHash);
      return null;
    }
    return entry.actor;
  }

  set(tokenHash: string, actor: Actor, expiresAt = Number.POSITIVE_INFINITY): void {
    this.entries.set(tokenHash, { actor, expiresAt });
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Drops every cached login of the user (role, team or activity changed, sessions or tokens ended). */
  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries.entries()) {
      if (entry.actor.id === userId) this.entries.delete(key);
    }
  }
}
