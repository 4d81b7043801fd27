import { authorize } from "@server/access/authorize";
import { ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { startedSession } from "@server/modules/auth/auth.routes";
import { LoginThrottledError } from "@server/modules/auth/login-throttle";
import { userLoginsChanged } from "@server/plugins/auth";
import { problemResponses } from "@server/plugins/openapi";
import { sessionResponse } from "@shared/schemas/account";
import {
  acceptedResponse,
  accountSettingsSchema,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  recoveryCodesResponse,
  revokedResponse,
  sessionList,
  twoFactorConfirmBody,
  twoFactorLoginBody,
  twoFactorProofBody,
  twoFactorSetup,
  twoFactorStatus,
} from "@shared/schemas/account-security";
import { idParams } from "@shared/schemas/common";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { readAccountSettings, writeAccountSettings } from "./account-settings";
import { registerAdminTwoFactorGate } from "./admin-two-factor-gate";
import { confirmPasswordReset, requestPasswordReset } from "./password-reset.service";
import { completeSecondFactor } from "./second-factor-login";
import * as sessions from "./sessions.service";
import * as twoFactor from "./two-factor.service";

/** Per user (or client) and process, on top of the database-counted login limits. */
const ACCOUNT_RATE_LIMIT = {
  max: 10,
  timeWindow: "1 minute",
  keyGenerator: (request: FastifyRequest) => request.actor?.id ?? request.ip,
};

const withRetryAfter = (reply: FastifyReply) => (error: unknown) => {
  if (error instanceof LoginThrottledError) reply.header("retry-after", String(error.retryAfterSeconds));
  throw error;
};

/** Password reset by mail, the second step of a login, two-factor and sessions (#14 point 5). */
export function accountRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config, database } = app;
  const tags = ["Accounts"];
  const ok204 = { 204: z.null(), ...problemResponses };
  const adminGate = registerAdminTwoFactorGate(app);

  r.post(
    "/auth/password-reset",
    {
      schema: {
        tags,
        summary: "Ask for a password reset link by mail; the same 202 for known and unknown addresses",
        body: passwordResetRequestBody,
        response: { 202: acceptedResponse, ...problemResponses },
      },
      // Public, and it acts on no session: a forged request could only send the owner a mail.
      config: { public: true, csrf: false },
    },
    async (request, reply) => {
      await requestPasswordReset(database.db, {
        email: request.body.email,
        ip: request.ip,
        // A configured public URL: a forged Host header cannot point the link elsewhere.
        baseUrl: config.publicUrl ?? `${request.protocol}://${request.host}`,
        requestId: request.id,
      }).catch(withRetryAfter(reply));
      app.jobs.wake();
      return reply.code(202).send({ accepted: true as const });
    },
  );

  r.post(
    "/auth/password-reset/confirm",
    {
      schema: {
        tags,
        summary: "Set a new password with the link's token; every session and API token of the user ends",
        body: passwordResetConfirmBody,
        response: ok204,
      },
      config: { public: true, csrf: false, rateLimit: ACCOUNT_RATE_LIMIT },
    },
    async (request, reply) => {
      const userId = await confirmPasswordReset(database.db, { ...request.body, requestId: request.id });
      await userLoginsChanged(app, userId);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/auth/login/two-factor",
    {
      schema: {
        tags,
        summary: "Second step of a login: the pending token and a TOTP or recovery code",
        body: twoFactorLoginBody,
        response: { 200: sessionResponse, ...problemResponses },
      },
      config: { public: true, csrf: false },
    },
    async (request, reply) => {
      const result = await completeSecondFactor(database.db, app.mail.box, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
        sessionDays: config.sessionDays,
        requestId: request.id,
      }).catch(withRetryAfter(reply));
      return reply.code(200).send(await startedSession(app, reply, result));
    },
  );

  r.get(
    "/me/two-factor",
    {
      schema: {
        tags,
        summary: "Whether two-factor is on, and recovery codes left",
        response: { 200: twoFactorStatus, ...problemResponses },
      },
    },
    async (request) => twoFactor.twoFactorStatus(request.ctx()),
  );

  r.post(
    "/me/two-factor/setup",
    {
      schema: {
        tags,
        summary: "Start setting up two-factor: a new secret as text and QR code (409 when on already)",
        response: { 200: twoFactorSetup, ...problemResponses },
      },
      config: { rateLimit: ACCOUNT_RATE_LIMIT },
    },
    async (request) => twoFactor.startTwoFactorSetup(request.ctx(), app.mail.box),
  );

  r.post(
    "/me/two-factor/confirm",
    {
      schema: {
        tags,
        summary: "Turn two-factor on with a code of the app; answers the 10 recovery codes, shown once",
        body: twoFactorConfirmBody,
        response: { 200: recoveryCodesResponse, ...problemResponses },
      },
      config: { rateLimit: ACCOUNT_RATE_LIMIT },
    },
    async (request) => {
      const ctx = request.ctx();
      const codes = await twoFactor.confirmTwoFactorSetup(ctx, app.mail.box, request.body.code);
      adminGate.forget(ctx.actor.id);
      return codes;
    },
  );

  r.post(
    "/me/two-factor/recovery-codes",
    {
      schema: {
        tags,
        summary: "New recovery codes (the old ones stop working); needs the password or a current code",
        body: twoFactorProofBody,
        response: { 200: recoveryCodesResponse, ...problemResponses },
      },
      config: { rateLimit: ACCOUNT_RATE_LIMIT },
    },
    async (request) => twoFactor.regenerateRecoveryCodes(request.ctx(), app.mail.box, request.body),
  );

  r.post(
    "/me/two-factor/disable",
    {
      schema: {
        tags,
        summary: "Turn two-factor off; needs the password or a current code",
        body: twoFactorProofBody,
        response: ok204,
      },
      config: { rateLimit: ACCOUNT_RATE_LIMIT },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      await twoFactor.disableTwoFactor(ctx, app.mail.box, request.body);
      adminGate.forget(ctx.actor.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/me/sessions",
    {
      schema: {
        tags,
        summary: "One's open sessions (device, network, created, last seen)",
        response: { 200: sessionList, ...problemResponses },
      },
    },
    async (request) => sessions.listOwnSessions(request.ctx()),
  );

  r.delete(
    "/me/sessions/:id",
    { schema: { tags, summary: "End one of one's sessions", params: idParams, response: ok204 } },
    async (request, reply) => {
      const ctx = request.ctx();
      await sessions.revokeOwnSession(ctx, request.params.id);
      await userLoginsChanged(app, ctx.actor.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    "/me/sessions/revoke-others",
    {
      schema: {
        tags,
        summary: "End every session of one's own but this one",
        response: { 200: revokedResponse, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const revoked = await sessions.revokeOtherSessions(ctx);
      await userLoginsChanged(app, ctx.actor.id);
      return { revoked };
    },
  );

  r.post(
    "/users/:id/sessions/revoke",
    {
      schema: {
        tags,
        summary: "End every session of a user (admin)",
        params: idParams,
        response: { 200: revokedResponse, ...problemResponses },
      },
    },
    async (request) => {
      const revoked = await sessions.revokeUserSessions(request.ctx(), request.params.id);
      await userLoginsChanged(app, request.params.id);
      return { revoked };
    },
  );

  r.delete(
    "/users/:id/two-factor",
    {
      schema: {
        tags,
        summary: "Turn off a user's two-factor, e.g. after a lost phone (admin)",
        params: idParams,
        response: ok204,
      },
    },
    async (request, reply) => {
      await twoFactor.resetUserTwoFactor(request.ctx(), request.params.id);
      adminGate.forget(request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/settings/accounts",
    {
      schema: {
        tags,
        summary: "Account security settings (admin)",
        response: { 200: accountSettingsSchema, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.ctx(), "settings.manage");
      return readAccountSettings(database.db);
    },
  );

  r.put(
    "/settings/accounts",
    {
      schema: {
        tags,
        summary: "Change the account security settings (admin)",
        body: accountSettingsSchema,
        response: { 200: accountSettingsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      authorize(ctx, "settings.manage");
      if (request.body.requireAdminTwoFactor && !(await twoFactor.isTwoFactorEnabled(ctx.db, ctx.actor.id))) {
        throw ruleViolation("two_factor_own_first").at("requireAdminTwoFactor");
      }
      await ctx.db.transaction(async (tx) => {
        await writeAccountSettings(tx, request.body);
        await audit(tx, ctx, "settings.accounts_changed", null, request.body);
      });
      adminGate.forget();
      return readAccountSettings(database.db);
    },
  );
}
