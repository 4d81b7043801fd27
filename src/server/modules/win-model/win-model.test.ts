import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { activities, backgroundJobs, deals, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, desc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
let manager: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
  manager = (await signedIn(t, "manager")).client;
});
afterAll(() => t.close());

const DAY = 86_400_000;
const NO_BANT = {
  budget: { state: "unknown" },
  authority: { state: "unknown" },
  need: { state: "unknown" },
  timeline: { state: "unknown" },
};
const putFields = (client: Client, fields: string[]) =>
  client.request({ method: "PUT", url: "/api/v1/lead-win-model/fields", payload: { fields } });

/**
 * Finished leads in which referrals and a confirmed budget win far more often (every outcome is
 * decided by a fixed rule on the index, so a failure repeats), each with an activity a day or two in.
 */
async function seedHistory(count: number, offset = 0) {
  const { stages } = await buildPipeline(t.database.db);
  const stage = stages[0];
  if (!stage) throw new Error("no stage");
  const start = Date.UTC(2026, 0, 1);
  for (let from = 0; from < count; from += 100) {
    const batch = Array.from({ length: Math.min(100, count - from) }, (_, k) => from + k + offset);
    const rows = batch.map((i) => {
      const referral = i % 3 === 0;
      const budget = i % 5 < 2;
      const chance = 10 + (referral ? 45 : 0) + (budget ? 35 : 0);
      const won = (i * 37) % 100 < chance;
      const dead = !won && i % 4 === 0;
      const createdAt = new Date(start + (i % 200) * DAY);
      return { i, referral, budget, won, dead, createdAt };
    });
    const dealRows = await t.database.db
      .insert(deals)
      .values(
        rows
          .filter((r) => !r.dead)
          .map((r) => ({
            title: `History ${r.i}`,
            pipelineId: stage.pipelineId,
            stageId: stage.id,
            status: r.won ? "won" : "lost",
            lostReason: r.won ? null : "price",
            closedAt: new Date(r.createdAt.getTime() + 30 * DAY),
          })),
      )
      .returning({ id: deals.id, title: deals.title });
    const dealOf = new Map(dealRows.map((d) => [d.title, d.id]));
    const leadRows = await t.database.db
      .insert(leads)
      .values(
        rows.map((r) => ({
          lastName: `History ${r.i}`,
          source: r.referral ? "referral" : (LEAD_SOURCES[r.i % 12] ?? "other"),
          bant: {
            budget: { state: r.budget ? "met" : "unknown" },
            authority: { state: r.i % 2 === 0 ? "met" : "unknown" },
            need: { state: "unknown" },
            timeline: { state: "unknown" },
          },
          status: r.dead ? "dead" : "converted",
          deadReason: r.dead ? "no_budget" : null,
          createdAt: r.createdAt,
          malAt: r.createdAt,
          convertedAt: r.dead ? null : new Date(r.createdAt.getTime() + 10 * DAY),
          convertedDealId: r.dead ? null : (dealOf.get(`History ${r.i}`) ?? null),
          email: `h${r.i}@example.com`,
        })),
      )
      .returning({ id: leads.id, createdAt: leads.createdAt });
    await t.database.db.insert(activities).values(
      leadRows.map((l, k) => ({
        type: "call",
        subject: "First call",
        leadId: l.id,
        done: true,
        createdAt: new Date(l.createdAt.getTime() + ((k % 3) + 1) * DAY),
      })),
    );
  }
}

async function train() {
  const started = await admin.post("/api/v1/lead-win-model/train");
  expect(started.statusCode).toBe(202);
  expect(started.json().training.state).toBe("queued");
  await t.app.jobs.runDue();
  const report = await admin.get("/api/v1/lead-win-model");
  expect(report.statusCode).toBe(200);
  const [job] = await t.database.db
    .select({ state: backgroundJobs.state, lastError: backgroundJobs.lastError })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.name, "lead-win-model"), ne(backgroundJobs.state, "queued")))
    .orderBy(desc(backgroundJobs.id))
    .limit(1);
  expect(job).toEqual({ state: "done", lastError: null });
  expect(report.json().training).toMatchObject({ state: "done", nextRunAt: expect.any(String) });
  return report.json();
}

// Seeding hundreds of finished leads and training on them takes seconds of CPU on a loaded machine.
const TRAINING = { timeout: 120_000 };

describe("the learned win probability", () => {
  it(
    "says there is too little history and gives leads no probability while the team has few outcomes",
    TRAINING,
    async () => {
      const before = await admin.get("/api/v1/lead-win-model");
      expect(before.json()).toMatchObject({ state: "none", auc: null, minExamples: 200, minPerOutcome: 40 });
      await seedHistory(120);
      const report = await train();
      expect(report).toMatchObject({
        state: "too_little_history",
        examples: 120,
        auc: null,
        calibration: [],
      });
      const lead = await admin.post("/api/v1/leads", { lastName: "Open", source: "referral" });
      const detail = await admin.get(`/api/v1/leads/${lead.json().id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).not.toHaveProperty("winProbability");
    },
  );

  it(
    "learns that referrals and a confirmed budget win, reports its held-out quality and explains a lead",
    TRAINING,
    async () => {
      await seedHistory(480, 120);
      const report = await train();
      expect(report.state).toBe("published");
      expect(report.examples).toBe(600);
      expect(report.auc).toBeGreaterThan(0.7);
      expect(report.holdoutCount).toBeGreaterThan(100);
      expect(report.calibration).toHaveLength(10);
      const weight = (name: string) =>
        report.coefficients.find((c: { feature: string }) => c.feature === name)?.coefficient ?? 0;
      expect(weight("source:referral")).toBeGreaterThan(0.3);
      expect(weight("bant:budget")).toBeGreaterThan(0.3);

      const strong = await admin.post("/api/v1/leads", {
        lastName: "Strong",
        source: "referral",
        bant: { ...NO_BANT, budget: { state: "met" } },
      });
      expect(strong.statusCode).toBe(201);
      const weak = await admin.post("/api/v1/leads", { lastName: "Weak", source: "purchased_list" });
      const strongAnswer = (await admin.get(`/api/v1/leads/${strong.json().id}`)).json().winProbability;
      const weakAnswer = (await admin.get(`/api/v1/leads/${weak.json().id}`)).json().winProbability;
      expect(strongAnswer.probability).toBeGreaterThan(weakAnswer.probability + 0.25);
      expect(strongAnswer.raising.map((f: { feature: string }) => f.feature)).toEqual(
        expect.arrayContaining(["source:referral", "bant:budget"]),
      );
      expect(weakAnswer.lowering.map((f: { feature: string }) => f.feature)).toContain("bant:budget");
      // Lists stay as they were: the probability is the lead page's.
      const list = await admin.get("/api/v1/leads?limit=1");
      expect(list.json().data[0]).not.toHaveProperty("winProbability");
    },
  );

  it("keeps the model's report and training to admins, and a lead's probability behind the lead's gate", async () => {
    expect((await manager.get("/api/v1/lead-win-model")).statusCode).toBe(403);
    expect((await manager.post("/api/v1/lead-win-model/train")).statusCode).toBe(403);
    expect((await putFields(manager, [])).statusCode).toBe(403);
    const secret = await admin.post("/api/v1/leads", { lastName: "Elsewhere", source: "referral" });
    const { client: sales } = await teamWithSales(t);
    expect((await sales.get(`/api/v1/leads/${secret.json().id}`)).statusCode).toBe(404);
  });

  it("takes the admin's choice of fields, refusing an unknown one by name", TRAINING, async () => {
    const bad = await putFields(admin, ["email", "shoeSize"]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("fields.1");
    const chosen = await putFields(admin, ["email", "website"]);
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().fields).toEqual(["email", "website"]);
    const report = await train();
    expect(report.coefficients.map((c: { feature: string }) => c.feature)).toEqual(
      expect.arrayContaining(["field:email", "field:website"]),
    );
    expect(report.coefficients.map((c: { feature: string }) => c.feature)).not.toContain("field:phone");
  });
});
