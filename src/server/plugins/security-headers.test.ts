import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildTestApp, type TestApp } from "@test/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
const webRoot = mkdtempSync(path.join(tmpdir(), "leadwerk-web-"));
beforeAll(async () => {
  writeFileSync(path.join(webRoot, "index.html"), "<!doctype html><title>Leadwerk</title>");
  t = await buildTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

/** The policy as directive → sources. */
const policy = (header: string | string[] | number | undefined) =>
  new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = "", ...sources]) => [name, sources]),
  );

describe("security headers (issue #14)", () => {
  it("come with the UI, the API and its errors: a strict policy, nosniff, no framing, no referrer", async () => {
    const answers = [
      await t.app.inject({ url: "/", headers: { accept: "text/html" } }),
      await t.app.inject({ url: "/leads/123", headers: { accept: "text/html" } }),
      await t.app.inject({ url: "/api/v1/health" }),
      await t.app.inject({ url: "/api/v1/leads" }),
      await t.app.inject({ url: "/api/v1/no-such-route" }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 401, 404]);
    for (const res of answers) {
      const csp = policy(res.headers["content-security-policy"]);
      expect(csp.get("default-src"), res.body).toEqual(["'self'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("script-src-attr")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'self'"]);
      expect(String(res.headers["content-security-policy"])).not.toContain("unsafe-eval");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
      // Plain http here: HSTS only when LEADWERK_PUBLIC_URL is https.
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("give Swagger UI its own policy, still without inline scripts or framing", async () => {
    const res = await t.app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    const csp = policy(res.headers["content-security-policy"]);
    // Swagger UI loads its scripts as files; its policy allows no inline script and no eval.
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("script-src-attr")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });
});
