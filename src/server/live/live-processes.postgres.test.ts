import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { buildTestApp, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { buildDeal, buildPipeline } from "@test/factories-crm";
import { freePort } from "@test/free-port";
import { signedIn } from "@test/lead-helpers";
import { openEventStream } from "@test/sse-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Two real server processes on one PostgreSQL, as behind a load balancer: this test process runs one
 * app, a child process runs `src/server/main.ts` (the production entry point) on the same database.
 * A change made through one must reach a board open on the other, through LISTEN/NOTIFY.
 */
let t: TestApp;
let child: ChildProcess | null = null;
let childUrl = "";

async function waitForHealth(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error(`the second process exited:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the second process did not start:\n${output()}`);
}

beforeAll(async () => {
  t = await buildTestApp();
  if (!t.databaseUrl) throw new Error("this file runs in the PostgreSQL project only");
  const port = await freePort();
  let output = "";
  child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      DATABASE_POOL_SIZE: "2",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  childUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(childUrl, () => output);
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
  await t?.close();
});

describe("live updates across two server processes", () => {
  it("a move through this process reaches a board stream open on the other process", async () => {
    const viewer = await buildUser(t.database.db, { role: "manager" });
    const login = await fetch(`${childUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: viewer.email, password: viewer.password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const stream = await openEventStream(childUrl, { cookie });
    try {
      expect(stream.status).toBe(200);
      const mover = await signedIn(t, "manager");
      const { pipeline, stages } = await buildPipeline(t.database.db);
      const [from, to] = stages;
      if (!from || !to) throw new Error("stages missing");
      const deal = await buildDeal(t.database.db, { pipelineId: pipeline.id, stage: from });
      const moved = await mover.client.post(`/api/v1/deals/${deal.id}/move`, { stageId: to.id });
      expect(moved.statusCode).toBe(200);
      const event = await stream.next(
        (e) =>
          (e as { type?: string; id?: string }).type === "deal.changed" &&
          (e as { id?: string }).id === deal.id,
        5_000,
      );
      expect(event).toMatchObject({ type: "deal.changed", id: deal.id, pipelineId: pipeline.id });
    } finally {
      stream.close();
    }
  });
});
