import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
const webRoot = mkdtempSync(path.join(tmpdir(), "leadwerk-web-"));
const script = `export const words = [${Array.from({ length: 2000 }, (_, i) => `"Interessent ${i}"`).join(",")}];\n`;
beforeAll(async () => {
  writeFileSync(
    path.join(webRoot, "index.html"),
    `<!doctype html><title>Leadwerk</title>${"<p>x</p>".repeat(300)}`,
  );
  mkdirSync(path.join(webRoot, "assets"));
  writeFileSync(path.join(webRoot, "assets", "index-abc123.js"), script);
  t = await buildTestApp({ webRoot });
});
afterAll(async () => {
  await t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe("compressed answers (issue #15)", () => {
  it("sends the UI's scripts with brotli or gzip as the browser asks, cached for good, and plain to who asks for nothing", async () => {
    const br = await t.app.inject({
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.rawPayload.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gzip = await t.app.inject({
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({ url: "/assets/index-abc123.js" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("compresses API answers too, which still read as the same JSON", async () => {
    const { client } = await signedIn(t, "admin");
    for (let i = 0; i < 30; i++) await client.post("/api/v1/leads", { lastName: `Kompressionstest ${i}` });
    const plain = await client.get("/api/v1/leads?limit=30");
    expect(plain.json().data).toHaveLength(30);
    const packed = await client.get("/api/v1/leads?limit=30", { "accept-encoding": "gzip" });
    expect(packed.headers["content-encoding"]).toBe("gzip");
    expect(packed.headers["content-type"]).toContain("application/json");
    expect(JSON.parse(gunzipSync(packed.rawPayload).toString()).data).toHaveLength(30);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });
});
