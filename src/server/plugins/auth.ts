import csrf from "@fastify/csrf-protection";
import { ActorCache } from "@server/access/actor-cache";
import { type Actor, requireActor } from "@server/access/permission-gate";
import type { PermissionStore } from "@server/access/permission-store";
import type { AppConfig } from "@server/config";
import type { CustomFieldSource, ServiceContext } from "@server/context";
import type { Database, Db } from "@server/db/client";
import { unauthenticated } from "@server/errors";
import { userChanged } from "@server/live/live-message";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "lw_session";
const CSRF_COOKIE = "lw_csrf";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

declare module "fastify" {
  interface FastifyInstance {
    database: Database;
    config: AppConfig;
    /** Logins resolved in the last seconds (actor-cache.ts); forget a login here when ending it. */
    actorCache: ActorCache;
    /** The per-role permission matrix as this process last read it (permission-store.ts). */
    permissions: PermissionStore;
    /** The custom field definitions as this process last read them (modules/custom-fields). */
    customFields: CustomFieldSource;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The actor and database for service calls; 401 when nobody is logged in. */
    ctx(): ServiceContext;
  }
  interface FastifyContextConfig {
    /** Reachable without login (health, setup, login, public forms). */
    public?: boolean;
    /** false: no CSRF token needed even with a session cookie (login and setup, which start sessions). */
    csrf?: boolean;
    /** The route reads `Authorization: Bearer` itself (GET /metrics): it is no API token. */
    ownBearer?: boolean;
  }
}

export function sessionCookieOptions(config: AppConfig, maxAgeSeconds?: number) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: config.secureCookies,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** How a login is looked up: the auth module hands these over (app.ts), so plugins stay below modules. */
export interface LoginResolvers {
  resolveApiToken(db: Db, token: string, cache: ActorCache): Promise<Actor | null>;
  resolveSession(db: Db, sessionToken: string, sessionDays: number, cache: ActorCache): Promise<Actor | null>;
}

/**
 * Authentication for every request: a Bearer API token (scripts; no CSRF needed) or the session cookie
 * (browser; unsafe methods need X-CSRF-Token, bound to the session by HMAC). Routes are private unless
 * their config says `public: true`.
 */
export async function registerAuth(app: FastifyInstance, csrfHmacKey: string, logins: LoginResolvers) {
  const { config, database } = app;
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: CSRF_COOKIE,
    cookieOpts: sessionCookieOptions(config),
    csrfOpts: { hmacKey: csrfHmacKey },
    getToken: (req: FastifyRequest) => {
      const header = req.headers["x-csrf-token"];
      return typeof header === "string" ? header : "";
    },
    getUserInfo: (req: FastifyRequest) => req.actor?.sessionId ?? "",
  });

  const actorCache = new ActorCache();
  app.decorate("actorCache", actorCache);
  // Every process forgets a user's cached logins when the account or its logins change (live bus:
  // LISTEN/NOTIFY across processes on PostgreSQL). app.live is registered after this plugin.
  app.addHook("onReady", async () => {
    const unsubscribe = app.live.subscribe(({ event }) => {
      if (event.type === "user.changed") actorCache.forgetUser(event.id);
    });
    app.addHook("onClose", async () => unsubscribe());
  });

  app.decorateRequest("actor", null);
  app.decorateRequest("ctx", function (this: FastifyRequest): ServiceContext {
    return {
      db: database.db,
      actor: requireActor(this.actor),
      requestId: this.id,
      customFields: app.customFields,
    };
  });

  app.addHook("onRequest", async (request, reply) => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith("Bearer ") && !request.routeOptions.config.ownBearer) {
      const actor = await logins.resolveApiToken(database.db, authorization.slice(7).trim(), actorCache);
      if (!actor) throw unauthenticated("token_invalid");
      request.actor = app.permissions.withRights(actor);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const actor = await logins.resolveSession(database.db, cookie, config.sessionDays, actorCache);
      // The role's row of the permission matrix travels with the actor: the gate asks no query for it.
      request.actor = actor ? app.permissions.withRights(actor) : null;
      if (!request.actor) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
    }
    const routeConfig = request.routeOptions.config;
    const isRoute = request.routeOptions.url !== undefined;
    if (isRoute && !routeConfig.public && request.url.startsWith("/api/v1/") && !request.actor) {
      throw unauthenticated(cookie ? "session_expired" : "login_required");
    }
  });

  app.addHook("onRequest", (request, reply, done) => {
    const needsCsrf =
      UNSAFE_METHODS.has(request.method) &&
      request.actor?.sessionId &&
      request.routeOptions.config.csrf !== false;
    if (needsCsrf) {
      app.csrfProtection(request, reply, done);
      return;
    }
    done();
  });
}

/**
 * A user's account or logins changed (logout, password, token revoked, role, team, deactivated): this
 * process forgets the user's cached logins now, the others when the live bus brings `user.changed`,
 * and the user's open event streams re-read their rights.
 */
export async function userLoginsChanged(app: FastifyInstance, userId: string): Promise<void> {
  app.actorCache.forgetUser(userId);
  await app.live.publish(userChanged(userId));
}

/** A fresh CSRF token for the session just opened or resumed (sets the secret cookie when missing). */
export const csrfTokenFor = (reply: FastifyReply, sessionId: string) =>
  reply.generateCsrf({ userInfo: sessionId });
