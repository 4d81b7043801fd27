import { loginAttempts } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { count, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientKey, LOGIN_LIMITS } from "./login-throttle";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (app: FastifyInstance, remoteAddress: string, email: string, password: string) =>
  app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress, payload: { email, password } });

let sequence = 0;
const strangerEmail = () => `sprayed-${++sequence}@example.com`;

const attemptsOf = async (client: string) => {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(eq(loginAttempts.client, client));
  return row?.n;
};

// Every attempt verifies a password with Argon2 (a dummy one for unknown emails), so dozens of
// attempts take their time on a busy machine.
describe("POST /api/v1/auth/login against password spraying", { timeout: 180_000 }, () => {
  it("stops one client that tries one password on many accounts, and only that client", async () => {
    const victim = await buildUser(t.database.db);
    const sprayer = "10.77.0.1";
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perClient.max; i++) {
      codes.push((await login(t.app, sprayer, strangerEmail(), "Summer2026!")).statusCode);
    }
    expect(codes.every((c) => c === 401)).toBe(true);

    const limited = await login(t.app, sprayer, strangerEmail(), "Summer2026!");
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ status: 429, code: "rate_limited" });
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.perClient.windowSeconds);
    // Even the right password of a fresh account does not get through from there: the password is
    // not even checked.
    expect((await login(t.app, sprayer, victim.email, victim.password)).statusCode).toBe(429);
    // Refused attempts are not stored: the table holds at most the limit per client.
    expect(await attemptsOf(sprayer)).toBe(LOGIN_LIMITS.perClient.max);

    expect((await login(t.app, "10.77.0.2", victim.email, victim.password)).statusCode).toBe(200);
  });

  it("counts the addresses of one IPv6 /64 network as one client", async () => {
    const network = "2001:db8:77:1";
    for (let i = 0; i < LOGIN_LIMITS.perAccount.max; i++) {
      const res = await login(
        t.app,
        `${network}::${(i + 1).toString(16)}`,
        "target@example.com",
        `guess-${i}`,
      );
      expect(res.statusCode).toBe(401);
    }
    const rotated = await login(t.app, `${network}:ffff:1:2:3`, "target@example.com", "guess-x");
    expect(rotated.statusCode).toBe(429);
    expect((await login(t.app, "2001:db8:77:2::1", "target@example.com", "guess-y")).statusCode).toBe(401);
  });

  it("lets successful logins through however often they come", async () => {
    const user = await buildUser(t.database.db);
    for (let i = 0; i < LOGIN_LIMITS.perAccount.max + 2; i++) {
      expect((await login(t.app, "10.77.0.3", user.email, user.password)).statusCode).toBe(200);
    }
    expect(await attemptsOf("10.77.0.3")).toBe(0);
  });

  it("keeps the table small: an attempt deletes those older than the longest window", async () => {
    await t.database.db.insert(loginAttempts).values({
      client: "10.77.0.4",
      accountHash: "old",
      attemptedAt: new Date(Date.now() - (LOGIN_LIMITS.perClient.windowSeconds + 60) * 1000),
    });
    expect(await attemptsOf("10.77.0.4")).toBe(1);
    await login(t.app, "10.77.0.5", strangerEmail(), "whatever-1");
    expect(await attemptsOf("10.77.0.4")).toBe(0);
  });

  it("shares one count between app processes on the same database", async () => {
    const other = await t.sibling();
    const client = "10.77.0.6";
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perAccount.max; i++) {
      const app = i % 2 === 0 ? t.app : other;
      codes.push((await login(app, client, "shared@example.com", `guess-${i}`)).statusCode);
    }
    expect(codes.every((c) => c === 401)).toBe(true);
    expect((await login(other, client, "shared@example.com", "guess-a")).statusCode).toBe(429);
    expect((await login(t.app, client, "shared@example.com", "guess-b")).statusCode).toBe(429);
  });

  it("lets no more attempts through than the limit when they arrive at once in two processes", async () => {
    const other = await t.sibling();
    const client = "10.77.0.7";
    const burst = Array.from({ length: LOGIN_LIMITS.perAccount.max * 2 }, (_, i) =>
      login(i % 2 === 0 ? t.app : other, client, "burst@example.com", `guess-${i}`),
    );
    const codes = (await Promise.all(burst)).map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount.max);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(LOGIN_LIMITS.perAccount.max);
  });
});

describe("clientKey", () => {
  it("keeps IPv4 addresses, reads IPv4-mapped IPv6 as IPv4 and cuts IPv6 to its /64", () => {
    expect(clientKey("192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2::9")).toBe(clientKey("2001:db8:1:2:ffff::1"));
  });
});
