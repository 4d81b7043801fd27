import { rightsOf } from "@domain/access-policy";
import { accountAbilitiesOf } from "@domain/policy/policy";
import type { Actor } from "@server/access/permission-gate";
import type { DbOrTx } from "@server/db/client";
import { unauthenticated } from "@server/errors";
import { twoFactorSetupRequired } from "@server/modules/accounts/two-factor.service";
import { toUser } from "@server/modules/users/user.mapper";
import { findUserById, type UserRow } from "@server/modules/users/user.repository";
import { csrfTokenFor, SESSION_COOKIE, sessionCookieOptions, userLoginsChanged } from "@server/plugins/auth";
import { problemResponses } from "@server/plugins/openapi";
import { changePasswordBody, loginBody, sessionResponse, updateMeBody } from "@shared/schemas/account";
import { twoFactorChallenge } from "@shared/schemas/account-security";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { LoginResult } from "./auth.service";
import * as auth from "./auth.service";
import { LoginThrottledError } from "./login-throttle";

/**
 * Login attempts are limited in the database, per client and account and per client across accounts
 * (login-throttle.ts). Changing one's password is limited per user and process (a session is needed).
 */
const PASSWORD_RATE_LIMIT = {
  max: 10,
  timeWindow: "1 minute",
  keyGenerator: (request: FastifyRequest) => request.actor?.id ?? request.ip,
};

/**
 * The user, their CSRF token, what they may do beyond single records (the policy's account abilities)
 * and their role's row of the permission matrix (the web hides New, Export and the owner picker by it),
 * and whether an admin setting asks them to set up two-factor first.
 */
export async function sessionBody(db: DbOrTx, reply: FastifyReply, user: UserRow, actor: Actor) {
  // A login just made has no rights read yet: its role's row of the permission matrix.
  const withRights = reply.server.permissions.withRights(actor);
  return {
    user: toUser(user),
    csrfToken: actor.sessionId ? csrfTokenFor(reply, actor.sessionId) : "",
    abilities: accountAbilitiesOf(withRights),
    permissions: rightsOf(withRights),
    twoFactorSetupRequired: await twoFactorSetupRequired(db, user),
  };
}

/** Sets the session cookie of a login just finished and answers with the session. */
export async function startedSession(app: FastifyInstance, reply: FastifyReply, result: LoginResult) {
  const { config } = app;
  reply.setCookie(
    SESSION_COOKIE,
    result.sessionToken,
    sessionCookieOptions(config, config.sessionDays * 86_400),
  );
  return sessionBody(app.database.db, reply, result.user, result.actor);
}

export function authRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config, database } = app;
  const tags = ["Authentication"];

  r.post(
    "/auth/login",
    {
      schema: {
        tags,
        summary: "Log in with email and password; sets the httpOnly session cookie",
        description:
          "200 with the session, or 202 when the account has two-factor on: then send the pending token and a code to /auth/login/two-factor.",
        body: loginBody,
        response: { 200: sessionResponse, 202: twoFactorChallenge, ...problemResponses },
      },
      config: { public: true, csrf: false },
    },
    async (request, reply) => {
      const result = await auth
        .login(database.db, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
          sessionDays: config.sessionDays,
          requestId: request.id,
        })
        .catch((error: unknown) => {
          if (error instanceof LoginThrottledError)
            reply.header("retry-after", String(error.retryAfterSeconds));
          throw error;
        });
      if ("pendingToken" in result) {
        return reply.code(202).send({
          twoFactorRequired: true as const,
          pendingToken: result.pendingToken,
          expiresAt: result.expiresAt.toISOString(),
        });
      }
      return reply.code(200).send(await startedSession(app, reply, result));
    },
  );

  r.post(
    "/auth/logout",
    {
      schema: { tags, summary: "End the current session", response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await auth.logout(database.db, cookie, app.actorCache);
      if (request.actor) await userLoginsChanged(app, request.actor.id);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/me",
    {
      schema: {
        tags,
        summary: "The logged-in user and a CSRF token",
        response: { 200: sessionResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { actor } = request.ctx();
      const user = await findUserById(database.db, actor.id);
      if (!user) throw unauthenticated("login_required");
      return sessionBody(database.db, reply, user, actor);
    },
  );

  r.patch(
    "/me",
    {
      schema: {
        tags,
        summary: "Change own name or language",
        body: updateMeBody,
        response: { 200: sessionResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { actor } = request.ctx();
      const user = await auth.updateProfile(database.db, actor, request.body);
      await userLoginsChanged(app, actor.id);
      return sessionBody(database.db, reply, user, actor);
    },
  );

  r.post(
    "/me/password",
    {
      schema: {
        tags,
        summary: "Change own password; other sessions of the user end",
        body: changePasswordBody,
        response: { 204: z.null(), ...problemResponses },
      },
      config: { rateLimit: PASSWORD_RATE_LIMIT },
    },
    async (request, reply) => {
      const { actor } = request.ctx();
      await auth.changeOwnPassword(database.db, actor, { ...request.body, requestId: request.id });
      // The user's other sessions ended: every process forgets them, their open streams close.
      await userLoginsChanged(app, actor.id);
      return reply.code(204).send(null);
    },
  );
}
