import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ apiRatePerMinute: 3 });
});
afterAll(() => t.close());

describe("rate limit of API tokens", () => {
  it("counts each token's requests across app processes, with RateLimit headers and 429 + Retry-After", async () => {
    const { client } = await signedIn(t, "sales");
    const { token } = (await client.post("/api/v1/tokens", { name: "Skript" })).json();
    const auth = { authorization: `Bearer ${token}` };
    const sibling = await t.sibling();
    const answers = [
      await t.app.inject({ url: "/api/v1/me", headers: auth }),
      await sibling.inject({ url: "/api/v1/me", headers: auth }),
      await t.app.inject({ url: "/api/v1/leads", headers: auth }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.headers["ratelimit-remaining"])).toEqual(["2", "1", "0"]);
    for (const a of answers) {
      expect(a.headers["ratelimit-limit"]).toBe("3");
      expect(Number(a.headers["ratelimit-reset"])).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
    }
    // The fourth request of the minute, in the other process: refused.
    const refused = await sibling.inject({ url: "/api/v1/me", headers: auth });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(refused.headers["ratelimit-remaining"]).toBe("0");
    expect(refused.json().detail).toMatch(/API token/);
    // The browser session of the same user is not counted.
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await client.get("/api/v1/me")).headers["ratelimit-limit"]).toBeUndefined();
  });
});
