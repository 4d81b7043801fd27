import { pipelines, stages } from "@server/db/schema";
import { createFirstAdmin } from "@server/modules/setup/setup.service";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildDeal, buildPipeline } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultPipeline } from "./default-pipeline";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const threeStages = [
  { name: "Lead in", probability: 5, rottingDays: null },
  { name: "Demo", probability: 40, rottingDays: 7 },
  { name: "Contract", probability: 90 },
];

describe("/api/v1/pipelines", () => {
  it("lets an admin create a pipeline with ordered stages and everyone list it; sales get 403 on writes", async () => {
    const admin = await signedIn(t, "admin");
    const sales = await signedIn(t, "sales");
    expect(
      (await sales.client.post("/api/v1/pipelines", { name: "Nope", stages: threeStages })).statusCode,
    ).toBe(403);
    const res = await admin.client.post("/api/v1/pipelines", { name: "Partner", stages: threeStages });
    expect(res.statusCode).toBe(201);
    const pipeline = res.json();
    expect(pipeline.stages).toEqual([
      { id: expect.any(String), name: "Lead in", probability: 5, position: 0, rottingDays: null },
      { id: expect.any(String), name: "Demo", probability: 40, position: 1, rottingDays: 7 },
      { id: expect.any(String), name: "Contract", probability: 90, position: 2, rottingDays: null },
    ]);
    const listed = (await sales.client.get("/api/v1/pipelines")).json().data;
    expect(listed.map((p: { id: string }) => p.id)).toContain(pipeline.id);
    expect((await sales.client.patch(`/api/v1/pipelines/${pipeline.id}`, { name: "X" })).statusCode).toBe(
      403,
    );
    expect((await sales.client.delete(`/api/v1/pipelines/${pipeline.id}`)).statusCode).toBe(403);
  });

  it("keeps exactly one default pipeline and refuses to unset or delete it", async () => {
    const admin = await signedIn(t, "admin");
    const a = (
      await admin.client.post("/api/v1/pipelines", { name: "A", stages: threeStages, isDefault: true })
    ).json();
    const b = (await admin.client.post("/api/v1/pipelines", { name: "B", stages: threeStages })).json();
    expect((await admin.client.patch(`/api/v1/pipelines/${a.id}`, { isDefault: false })).statusCode).toBe(
      422,
    );
    expect((await admin.client.delete(`/api/v1/pipelines/${a.id}`)).statusCode).toBe(422);
    expect(
      (await admin.client.patch(`/api/v1/pipelines/${b.id}`, { isDefault: true })).json().isDefault,
    ).toBe(true);
    const all = (await admin.client.get("/api/v1/pipelines")).json().data as {
      id: string;
      isDefault: boolean;
    }[];
    expect(all.filter((p) => p.isDefault).map((p) => p.id)).toEqual([b.id]);
    expect(all[0]?.id).toBe(b.id);
  });

  it("renames, reorders, re-weights and adds stages; answers 409 on a stale version", async () => {
    const admin = await signedIn(t, "admin");
    const p = (await admin.client.post("/api/v1/pipelines", { name: "Edit", stages: threeStages })).json();
    const [s0, s1, s2] = p.stages;
    const res = await admin.client.patch(`/api/v1/pipelines/${p.id}`, {
      name: "Edited",
      version: p.version,
      stages: [
        { id: s2.id, name: "Vertrag", probability: 95, rottingDays: 3 },
        { name: "Neu", probability: 20 },
        { id: s0.id, name: "Eingang", probability: 5 },
        { id: s1.id, name: "Demo", probability: 40, rottingDays: 7 },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("Edited");
    expect(res.json().stages.map((s: { name: string; position: number }) => [s.name, s.position])).toEqual([
      ["Vertrag", 0],
      ["Neu", 1],
      ["Eingang", 2],
      ["Demo", 3],
    ]);
    expect(
      (await admin.client.patch(`/api/v1/pipelines/${p.id}`, { name: "Stale", version: p.version }))
        .statusCode,
    ).toBe(409);
  });

  it("keeps a stage's rotting days when a PATCH omits them and clears them only with null (issue #15)", async () => {
    const admin = await signedIn(t, "admin");
    const stagesIn = [
      { name: "Eingang", probability: 5, rottingDays: 10 },
      { name: "Demo", probability: 40, rottingDays: 7 },
    ];
    const p = (await admin.client.post("/api/v1/pipelines", { name: "Rotting", stages: stagesIn })).json();
    const [s0, s1] = p.stages;
    const res = await admin.client.patch(`/api/v1/pipelines/${p.id}`, {
      version: p.version,
      stages: [
        { id: s0.id, name: "Eingang", probability: 10 },
        { id: s1.id, name: "Demo", probability: 40, rottingDays: null },
        { name: "Angebot", probability: 60 },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .stages.map((s: { name: string; probability: number; rottingDays: number | null }) => [
          s.name,
          s.probability,
          s.rottingDays,
        ]),
    ).toEqual([
      ["Eingang", 10, 10],
      ["Demo", 40, null],
      ["Angebot", 60, null],
    ]);
  });

  it("asks where the deals of a removed stage go (422 naming it), then moves them there", async () => {
    const admin = await signedIn(t, "admin");
    const { team, user, client } = await teamWithSales(t);
    const { pipeline, stages } = await buildPipeline(t.database.db, { name: "Shrink" });
    const [first, second, , last] = stages;
    if (!first || !second || !last) throw new Error("stages missing");
    const deal = await buildDeal(t.database.db, { team, owner: user, stage: second, title: "Wanderer" });
    const keep = stages
      .filter((s) => s.id !== second.id)
      .map((s) => ({ id: s.id, name: s.name, probability: s.probability }));
    const refused = await admin.client.patch(`/api/v1/pipelines/${pipeline.id}`, { stages: keep });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({
      path: "stageMoves",
      message: expect.stringContaining(second.name),
    });
    const ok = await admin.client.patch(`/api/v1/pipelines/${pipeline.id}`, {
      stages: keep,
      stageMoves: [{ fromStageId: second.id, toStageId: last.id }],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stages.map((s: { id: string }) => s.id)).not.toContain(second.id);
    const moved = (await client.get(`/api/v1/deals/${deal.id}`)).json();
    expect(moved.stageId).toBe(last.id);
    const history = (await client.get(`/api/v1/deals/${deal.id}/stage-history`)).json().data;
    expect(history.map((h: { stageName: string }) => h.stageName)).toEqual([second.name, last.name]);
    // An empty stage goes without asking.
    const shrunk = await admin.client.patch(`/api/v1/pipelines/${pipeline.id}`, {
      stages: [{ id: last.id, name: last.name, probability: last.probability }],
    });
    expect(shrunk.statusCode).toBe(200);
  });

  it("deletes a pipeline only when it holds no deals", async () => {
    const admin = await signedIn(t, "admin");
    const { team, user } = await teamWithSales(t);
    const { pipeline, stages } = await buildPipeline(t.database.db, { name: "Busy" });
    const deal = await buildDeal(t.database.db, { team, owner: user, stage: stages[0] });
    expect((await admin.client.delete(`/api/v1/pipelines/${pipeline.id}`)).statusCode).toBe(422);
    await admin.client.delete(`/api/v1/deals/${deal.id}`);
    expect((await admin.client.delete(`/api/v1/pipelines/${pipeline.id}`)).statusCode).toBe(204);
    expect((await admin.client.get(`/api/v1/pipelines/${pipeline.id}`)).statusCode).toBe(404);
  });
});

describe("the default pipeline of a fresh install", () => {
  it("is created with the first admin, in the admin's language", async () => {
    const fresh = await buildTestApp();
    try {
      const client = new Client(fresh.app);
      await client.post("/api/v1/setup", {
        email: "chefin@example.com",
        name: "Chefin",
        password: "first admin pass",
        locale: "de",
      });
      const [pipeline] = (await client.get("/api/v1/pipelines")).json().data;
      expect(pipeline).toMatchObject({ name: "Vertrieb", isDefault: true });
      expect(
        pipeline.stages.map((s: { name: string; probability: number }) => [s.name, s.probability]),
      ).toEqual([
        ["Qualifiziert", 10],
        ["Bedarfsanalyse", 25],
        ["Angebot versendet", 50],
        ["Verhandlung", 75],
      ]);
      // A deal without pipeline or stage lands there.
      const deal = (await client.post("/api/v1/deals", { title: "Erster Deal" })).json();
      expect(deal).toMatchObject({
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0].id,
        probability: 10,
      });
    } finally {
      await fresh.close();
    }
  });

  it("is created in English for LEADWERK_ADMIN_* and for a database that has users but no pipeline, once", async () => {
    const fresh = await buildTestApp({
      firstAdmin: { email: "boss@example.com", password: "bootstrap pass 1" },
    });
    try {
      const client = new Client(fresh.app);
      await client.login("boss@example.com", "bootstrap pass 1");
      const list = (await client.get("/api/v1/pipelines")).json().data;
      expect(list).toHaveLength(1);
      expect(list[0].stages.map((s: { name: string }) => s.name)).toEqual([
        "Qualified",
        "Needs analysis",
        "Proposal sent",
        "Negotiation",
      ]);
      // Restarting (and two processes starting together) adds nothing.
      await Promise.all([
        ensureDefaultPipeline(fresh.database.db),
        ensureDefaultPipeline(fresh.database.db),
        fresh.sibling(),
      ]);
      expect((await client.get("/api/v1/pipelines")).json().data).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it("is added at start to an existing database with users but no pipeline", async () => {
    const fresh = await buildTestApp();
    try {
      // Users but no pipeline: as a database set up before pipelines existed.
      const admin = await createFirstAdmin(fresh.database.db, {
        email: "old@example.com",
        name: "Old",
        password: "old admin pass",
        locale: "de",
      });
      await fresh.database.db.delete(stages);
      await fresh.database.db.delete(pipelines);
      expect(admin.role).toBe("admin");
      const restarted = await fresh.sibling();
      const client = new Client(restarted);
      await client.login("old@example.com", "old admin pass");
      const list = (await client.get("/api/v1/pipelines")).json().data;
      expect(list.map((p: { name: string }) => p.name)).toEqual(["Vertrieb"]);
    } finally {
      await fresh.close();
    }
  });
});
