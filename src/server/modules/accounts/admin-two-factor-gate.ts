import type { Db } from "@server/db/client";
import { forbidden } from "@server/errors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";
import { twoFactorSetupRequired } from "./two-factor.service";

/**
 * "Require two-factor for admins" on the server: an admin's browser session without two-factor may only
 * reach its own account (`/me…`: set up two-factor, see sessions) and log in or out; everything else
 * answers 403 `two_factor_setup_required` until two-factor is on. API tokens are not held back (they
 * are made by a logged-in user and revoked by a password change). The answer per admin is kept for a
 * few seconds per process, so an admin's requests do not each read the setting and the secret's row.
 */
const TTL_MS = 5_000;
const OPEN_PREFIXES = ["/api/v1/me", "/api/v1/auth/", "/api/v1/setup", "/api/v1/health", "/api/v1/events"];

export class AdminTwoFactorGate {
  private readonly required = new LRUCache<string, boolean>({ max: 1_000, ttl: TTL_MS });

  constructor(private readonly db: Db) {}

  /** Forgets what was known (two-factor turned on or off, the setting changed). */
  forget(userId?: string): void {
    if (userId) this.required.delete(userId);
    else this.required.clear();
  }

  async check(request: FastifyRequest): Promise<void> {
    const actor = request.actor;
    if (actor?.role !== "admin" || !actor.sessionId) return;
    if (OPEN_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return;
    let required = this.required.get(actor.id);
    if (required === undefined) {
      required = await twoFactorSetupRequired(this.db, actor);
      this.required.set(actor.id, required);
    }
    if (required) throw forbidden("two_factor_setup_required");
  }
}

/** Puts the gate before every handler of the API scope it is registered in. */
export function registerAdminTwoFactorGate(api: FastifyInstance): AdminTwoFactorGate {
  const gate = new AdminTwoFactorGate(api.database.db);
  api.addHook("preHandler", async (request) => gate.check(request));
  return gate;
}
