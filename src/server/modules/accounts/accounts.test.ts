import {
  auditLog,
  passwordResetTokens,
  twoFactorRecoveryCodes,
  users,
  userTwoFactor,
} from "@server/db/schema";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { signedIn } from "@test/lead-helpers";
import { type SmtpSink, startSmtpSink } from "@test/smtp-sink";
import { and, eq, sql } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  t = await buildTestApp();
  sink = await startSmtpSink();
  const admin = (await signedIn(t, "admin")).client;
  const smtp = await admin.request({
    method: "PUT",
    url: "/api/v1/settings/email",
    payload: { smtp: { host: "127.0.0.1", port: sink.port, security: "none", from: "crm@leadwerk.test" } },
  });
  expect(smtp.statusCode, smtp.body).toBe(200);
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

const auditActions = async (userId: string) =>
  (
    await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, userId))
  ).map((row) => row.action);

/** The code an authenticator app shows `stepsAhead` steps from now. */
const codeOf = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

describe("POST /api/v1/auth/password-reset and /confirm", () => {
  it("mails a single-use link in the user's language that sets a new password and ends every session and token", async () => {
    const user = await buildUser(t.database.db);
    await t.database.db.update(users).set({ locale: "de" }).where(eq(users.id, user.id));
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const token = (await client.post("/api/v1/tokens", { name: "Sync" })).json().token as string;
    const viaToken = () => t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });

    const before = sink.mails.length;
    const known = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset",
      payload: { email: user.email.toUpperCase() },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset",
      payload: { email: "nobody@example.com" },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);

    await t.app.jobs.runDue();
    const mails = await sink.waitFor(before + 1);
    expect(mails).toHaveLength(before + 1); // none for the unknown address
    const mail = mails[before];
    expect(mail?.envelope.to).toEqual([user.email]);
    expect(mail?.parsed.subject).toBe("Passwort für Leadwerk zurücksetzen");
    const link = /(http\S+\/reset-password#(\S+))/.exec(mail?.parsed.text ?? "");
    const resetToken = link?.[2] ?? "";
    expect(resetToken.length).toBeGreaterThan(30);
    // Only the hash is stored.
    const stored = await t.database.db
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, user.id));
    expect(JSON.stringify(stored)).not.toContain(resetToken);

    const short = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token: resetToken, newPassword: "short" },
    });
    expect(short.statusCode).toBe(400);
    const confirm = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token: resetToken, newPassword: "a fresh long secret" },
    });
    expect(confirm.statusCode, confirm.body).toBe(204);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
    expect((await viaToken()).statusCode).toBe(401);
    await new Client(t.app).login(user.email, "a fresh long secret");

    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token: resetToken, newPassword: "yet another secret" },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0]).toMatchObject({ path: "token", code: "password_reset_invalid" });
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["auth.password_reset_requested", "auth.password_reset"]),
    );
  });

  it("refuses an expired link and a made-up one alike, and a NUL byte with 400", async () => {
    const user = await buildUser(t.database.db);
    const before = sink.mails.length;
    await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset",
      payload: { email: user.email },
    });
    await t.app.jobs.runDue();
    const mails = await sink.waitFor(before + 1);
    const resetToken = /reset-password#(\S+)/.exec(mails[before]?.parsed.text ?? "")?.[1] ?? "";
    await t.database.db
      .update(passwordResetTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(passwordResetTokens.userId, user.id));
    for (const token of [resetToken, "made-up-token"]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset/confirm",
        payload: { token, newPassword: "a fresh long secret" },
      });
      expect(res.statusCode).toBe(422);
    }
    const nul = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset",
      payload: { email: "a\u0000@example.com" },
    });
    expect(nul.statusCode).toBe(400);
  });
});

describe("TOTP two-factor", () => {
  it("sets up with a code, asks for it at login, refuses wrong and reused codes, and takes each recovery code once", async () => {
    const { user, client } = await signedIn(t, "sales");
    const setup = await client.post("/api/v1/me/two-factor/setup");
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUrl, qrCode } = setup.json();
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrCode).toMatch(/^data:image\/png;base64,/);

    const wrong = await client.post("/api/v1/me/two-factor/confirm", {
      code: "000000" === (await codeOf(secret)) ? "111111" : "000000",
    });
    expect(wrong.statusCode).toBe(422);
    const firstCode = await codeOf(secret);
    const confirmed = await client.post("/api/v1/me/two-factor/confirm", { code: firstCode });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const recoveryCodes: string[] = confirmed.json().recoveryCodes;
    expect(new Set(recoveryCodes).size).toBe(10);
    // The secret is sealed at rest and the recovery codes hashed: nothing readable is stored.
    const [stored] = await t.database.db
      .select()
      .from(userTwoFactor)
      .where(eq(userTwoFactor.userId, user.id));
    expect(stored?.secretSealed).toMatch(/^v1\./);
    expect(stored?.secretSealed).not.toContain(secret);
    const codeRows = await t.database.db
      .select()
      .from(twoFactorRecoveryCodes)
      .where(eq(twoFactorRecoveryCodes.userId, user.id));
    expect(JSON.stringify(codeRows)).not.toContain(recoveryCodes[0]);
    expect((await client.get("/api/v1/me/two-factor")).json()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });

    const second = new Client(t.app);
    const step1 = await second.post("/api/v1/auth/login", { email: user.email, password: user.password });
    expect(step1.statusCode).toBe(202);
    expect(second.hasCookie("lw_session")).toBe(false);
    const { pendingToken } = step1.json();
    const reused = await second.post("/api/v1/auth/login/two-factor", { pendingToken, code: firstCode });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().errors[0]).toMatchObject({ path: "code", code: "two_factor_code_invalid" });
    // The next step's code is within the allowed drift.
    const next = await codeOf(secret, 1);
    const done = await second.post("/api/v1/auth/login/two-factor", { pendingToken, code: next });
    expect(done.statusCode, done.body).toBe(200);
    expect((await second.get("/api/v1/me")).statusCode).toBe(200);
    // The pending token was single use.
    const replay = await new Client(t.app).post("/api/v1/auth/login/two-factor", {
      pendingToken,
      code: next,
    });
    expect(replay.statusCode).toBe(401);

    const third = new Client(t.app);
    const pending = (
      await third.post("/api/v1/auth/login", { email: user.email, password: user.password })
    ).json();
    const [recovery] = recoveryCodes;
    const viaRecovery = await third.post("/api/v1/auth/login/two-factor", {
      pendingToken: pending.pendingToken,
      code: recovery?.toUpperCase(),
    });
    expect(viaRecovery.statusCode, viaRecovery.body).toBe(200);
    const fourth = new Client(t.app);
    const pending2 = (
      await fourth.post("/api/v1/auth/login", { email: user.email, password: user.password })
    ).json();
    const usedUp = await fourth.post("/api/v1/auth/login/two-factor", {
      pendingToken: pending2.pendingToken,
      code: recovery,
    });
    expect(usedUp.statusCode).toBe(422);

    const badProof = await client.post("/api/v1/me/two-factor/disable", { password: "not the password" });
    expect(badProof.statusCode).toBe(422);
    expect(badProof.json().errors[0].path).toBe("password");
    expect((await client.post("/api/v1/me/two-factor/disable", {})).statusCode).toBe(422);
    const off = await client.post("/api/v1/me/two-factor/disable", { password: user.password });
    expect(off.statusCode).toBe(204);
    expect(
      (await new Client(t.app).post("/api/v1/auth/login", { email: user.email, password: user.password }))
        .statusCode,
    ).toBe(200);
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(["auth.two_factor_enabled", "auth.two_factor_disabled"]),
    );
  });

  it("ends a pending login after five wrong codes", async () => {
    const { user, client } = await signedIn(t, "sales");
    const { secret } = (await client.post("/api/v1/me/two-factor/setup")).json();
    await client.post("/api/v1/me/two-factor/confirm", { code: await codeOf(secret) });
    const other = new Client(t.app);
    const { pendingToken } = (
      await other.post("/api/v1/auth/login", { email: user.email, password: user.password })
    ).json();
    for (let i = 0; i < 5; i++)
      await other.post("/api/v1/auth/login/two-factor", { pendingToken, code: "12345x" });
    const late = await other.post("/api/v1/auth/login/two-factor", {
      pendingToken,
      code: await codeOf(secret, 1),
    });
    expect(late.statusCode).toBe(401);
  });

  it("tells an admin to set it up when the setting asks for it", async () => {
    const { client } = await signedIn(t, "admin");
    const turnOn = () =>
      client.request({
        method: "PUT",
        url: "/api/v1/settings/accounts",
        payload: { requireAdminTwoFactor: true },
      });
    // Not without two-factor of one's own: the rule would lock its author out.
    expect((await turnOn()).statusCode).toBe(422);
    const own = (await client.post("/api/v1/me/two-factor/setup")).json();
    await client.post("/api/v1/me/two-factor/confirm", { code: await codeOf(own.secret) });
    const put = await turnOn();
    expect(put.statusCode, put.body).toBe(200);
    const admin = await buildUser(t.database.db, { role: "admin" });
    const adminClient = new Client(t.app);
    const login = await adminClient.login(admin.email, admin.password);
    expect(login.json().twoFactorSetupRequired).toBe(true);
    // Until two-factor is on, the admin's session reaches only their own account.
    const held = await adminClient.get("/api/v1/users");
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe("two_factor_setup_required");
    const { secret } = (await adminClient.post("/api/v1/me/two-factor/setup")).json();
    const on = await adminClient.post("/api/v1/me/two-factor/confirm", { code: await codeOf(secret) });
    expect(on.statusCode).toBe(200);
    expect((await adminClient.get("/api/v1/users")).statusCode).toBe(200);
    expect((await adminClient.get("/api/v1/me")).json().twoFactorSetupRequired).toBe(false);
    const sales = await buildUser(t.database.db);
    expect((await new Client(t.app).login(sales.email, sales.password)).json().twoFactorSetupRequired).toBe(
      false,
    );
    const { client: salesClient } = await signedIn(t, "sales");
    expect(
      (
        await salesClient.request({
          method: "PUT",
          url: "/api/v1/settings/accounts",
          payload: { requireAdminTwoFactor: false },
        })
      ).statusCode,
    ).toBe(403);
    const off = await client.request({
      method: "PUT",
      url: "/api/v1/settings/accounts",
      payload: { requireAdminTwoFactor: false },
    });
    expect(off.statusCode).toBe(200);
  });
});

describe("sessions", () => {
  it("lists one's sessions with the device and a shortened address, and ends one, the others, or (admin) all", async () => {
    const user = await buildUser(t.database.db);
    const phone = new Client(t.app);
    const laptop = new Client(t.app);
    const tablet = new Client(t.app);
    for (const c of [phone, laptop, tablet]) await c.login(user.email, user.password);
    const list = await laptop.get("/api/v1/me/sessions");
    expect(list.statusCode).toBe(200);
    const sessions: { id: string; current: boolean; ipPrefix: string | null }[] = list.json().data;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]?.ipPrefix).toBe("127.0.0.0/24");

    const phoneId = (await phone.get("/api/v1/me/sessions"))
      .json()
      .data.find((s: { current: boolean }) => s.current).id;
    expect((await laptop.delete(`/api/v1/me/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await phone.get("/api/v1/me")).statusCode).toBe(401);
    // Another user's session id is not found, not ended.
    const { client: stranger } = await signedIn(t, "sales");
    const laptopId = sessions.find((s) => s.current)?.id;
    expect((await stranger.delete(`/api/v1/me/sessions/${laptopId}`)).statusCode).toBe(404);

    expect((await laptop.post("/api/v1/me/sessions/revoke-others")).json()).toEqual({ revoked: 1 });
    expect((await tablet.get("/api/v1/me")).statusCode).toBe(401);
    expect((await laptop.get("/api/v1/me")).statusCode).toBe(200);

    expect((await stranger.post(`/api/v1/users/${user.id}/sessions/revoke`)).statusCode).toBe(403);
    const { client: admin } = await signedIn(t, "admin");
    expect((await admin.post(`/api/v1/users/${user.id}/sessions/revoke`)).json()).toEqual({ revoked: 1 });
    expect((await laptop.get("/api/v1/me")).statusCode).toBe(401);
    const actions = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "auth.sessions_revoked")));
    expect(actions).toHaveLength(2);
  });
});
