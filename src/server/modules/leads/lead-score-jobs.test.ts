import { DEFAULT_SCORE_RULES, type ScoreRule } from "@domain/leads/score";
import { backgroundJobs, leads } from "@server/db/schema";
import { JobRunner } from "@server/jobs/job-runner";
import { upsertSetting } from "@server/modules/settings/settings.repository";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { ALL_MET, signedIn } from "@test/lead-helpers";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadRescoreJob } from "./lead-rescore.job";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

const NEW_RULES: ScoreRule[] = [
  { id: "src-referral", kind: "source", source: "referral", points: 40 },
  { id: "bant-budget", kind: "bant", criterion: "budget", points: 25 },
  { id: "stage-mal", kind: "lifecycle", stage: "mal", points: 3 },
  { id: "recent-activity", kind: "recent_activity", withinDays: 14, points: 10 },
];

async function createLead(body: Record<string, unknown>) {
  const response = await admin.post("/api/v1/leads", { lastName: "Score", ...body });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; version: number; score: number; updatedAt: string };
}

const getLead = async (id: string) => (await admin.get(`/api/v1/leads/${id}`)).json();

async function setRules(rules: ScoreRule[]) {
  const response = await admin.patch("/api/v1/settings", { leadScoreRules: rules });
  expect(response.statusCode).toBe(200);
}

describe("rescoring after the score rules change", () => {
  it("gives existing leads the new score and reasons without counting as an edit", async () => {
    await setRules(DEFAULT_SCORE_RULES);
    await t.app.jobs.runDue();
    const referral = await createLead({ source: "referral", email: "ref@example.com" });
    const budget = await createLead({
      source: "purchased_list",
      bant: {
        ...ALL_MET,
        authority: { state: "unknown" },
        need: { state: "unknown" },
        timeline: { state: "unknown" },
      },
    });
    const removed = await createLead({ source: "web_form" });
    expect((await admin.delete(`/api/v1/leads/${removed.id}`)).statusCode).toBe(204);
    expect(referral.score).toBe(15 + 5);

    const sibling = await t.sibling();
    await setRules(NEW_RULES);
    // Two app processes look for the job at once (the first one was also woken by the change).
    await Promise.all([t.app.jobs.runDue(), sibling.jobs.runDue()]);
    const [job] = await t.database.db
      .select()
      .from(backgroundJobs)
      .where(eq(backgroundJobs.name, "lead-rescore"))
      .orderBy(desc(backgroundJobs.id))
      .limit(1);
    expect(job).toMatchObject({ state: "done", attempts: 1 });

    const after = await getLead(referral.id);
    expect(after.score).toBe(43);
    expect(after.scoreReasons).toEqual([
      { ruleId: "src-referral", kind: "source", subject: "referral", points: 40 },
      { ruleId: "stage-mal", kind: "lifecycle", subject: "mal", points: 3 },
    ]);
    expect(after.version).toBe(referral.version);
    expect(after.updatedAt).toBe(referral.updatedAt);
    expect((await getLead(budget.id)).score).toBe(28);

    // A form opened before the rescore still saves: the rescore did not move the version.
    const edit = await admin.patch(`/api/v1/leads/${referral.id}`, {
      city: "Köln",
      version: referral.version,
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().score).toBe(43);

    // A lead deleted meanwhile comes back with a score that follows today's rules.
    expect((await admin.post(`/api/v1/leads/${removed.id}/restore`)).statusCode).toBe(200);
    expect((await getLead(removed.id)).scoreReasons).toEqual([
      { ruleId: "stage-mal", kind: "lifecycle", subject: "mal", points: 3 },
    ]);

    const status = (await admin.get("/api/v1/settings/score-recalculation")).json();
    expect(status).toMatchObject({ state: "done", finishedAt: expect.any(String) });
    expect(status.done).toBe(status.total);
    expect(status.total).toBeGreaterThanOrEqual(3);
  });

  it("queues no recalculation when the score rules stay the same", async () => {
    await setRules(NEW_RULES);
    await t.app.jobs.runDue();
    const before = (await admin.get("/api/v1/settings/score-recalculation")).json();
    await setRules(NEW_RULES);
    expect((await admin.patch("/api/v1/settings", { sqlRequiresBant: true })).statusCode).toBe(200);
    expect((await admin.get("/api/v1/settings/score-recalculation")).json()).toEqual(before);
  });

  it("resumes after the last saved batch when the process running it died", async () => {
    const runner = new JobRunner(t.database, [leadRescoreJob({ batchSize: 2 })], t.app.log);
    for (let i = 0; i < 5; i++) await createLead({ source: "referral" });
    // The rules change, and the process that took the rescore died after some batches: its lease ran out.
    await upsertSetting(t.database.db, "leadScoreRules", [
      { id: "src-referral", kind: "source", source: "referral", points: 70 },
    ]);
    const all = await t.database.db
      .select({ id: leads.id })
      .from(leads)
      .where(eq(leads.source, "referral"))
      .orderBy(asc(leads.id));
    const cursor = all[Math.floor(all.length / 2)]?.id ?? null;
    await t.database.db.insert(backgroundJobs).values({
      name: "lead-rescore",
      state: "running",
      attempts: 1,
      lockedUntil: new Date(Date.now() - 1000),
      cursor,
      progressDone: 0,
    });

    // Two processes look at once (the app's own runner may also take it on its background poll
    // first): at most one of them runs it, and the checks below show it resumed after the cursor.
    const outcomes = await Promise.all([runner.runDue(), t.app.jobs.runDue()]);
    expect(outcomes.flat().filter((o) => o.name === "lead-rescore").length).toBeLessThanOrEqual(1);
    await expect
      .poll(async () => (await admin.get("/api/v1/settings/score-recalculation")).json().state, {
        timeout: 30_000,
      })
      .toBe("done");
    const scores = await t.database.db
      .select({ id: leads.id, score: leads.score })
      .from(leads)
      .where(
        inArray(
          leads.id,
          all.map((row) => row.id),
        ),
      )
      .orderBy(asc(leads.id));
    const resumed = scores.filter((row) => cursor !== null && row.id > cursor);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((row) => row.score === 70)).toBe(true);
    expect(scores.filter((row) => cursor !== null && row.id <= cursor).some((row) => row.score === 70)).toBe(
      false,
    );
    const status = (await admin.get("/api/v1/settings/score-recalculation")).json();
    expect(status.state).toBe("done");
  });
});

describe("the recent-activity window", () => {
  it("takes the recency points from a lead that stayed quiet past the window", async () => {
    await setRules(NEW_RULES);
    await t.app.jobs.runDue();
    const quiet = await createLead({ source: "referral" });
    const busy = await createLead({ source: "referral" });
    for (const lead of [quiet, busy]) {
      const note = await admin.post("/api/v1/activities", {
        type: "note",
        subject: "Spoke",
        leadId: lead.id,
      });
      expect(note.statusCode).toBe(201);
    }
    const active = await getLead(quiet.id);
    expect(active.score).toBe(40 + 3 + 10);
    // Fifteen days pass without another activity on the quiet lead; nothing writes it meanwhile.
    await t.database.db
      .update(leads)
      .set({ lastActivityAt: sql`now() - interval '15 days'` })
      .where(eq(leads.id, quiet.id));

    const recencyRunsDone = async () =>
      (
        await t.database.db
          .select({ id: backgroundJobs.id })
          .from(backgroundJobs)
          .where(sql`${backgroundJobs.name} = 'lead-recency' and ${backgroundJobs.state} = 'done'`)
      ).map((row) => row.id);
    const before = await recencyRunsDone();
    await t.app.jobs.enqueue("lead-recency");
    // The enqueue wakes this process's runner too; whichever run claims the job, it is done after this.
    await t.app.jobs.runDue();
    expect((await recencyRunsDone()).filter((id) => !before.includes(id))).toHaveLength(1);

    const lapsed = await getLead(quiet.id);
    expect(lapsed.score).toBe(43);
    expect(lapsed.scoreReasons.map((r: { kind: string }) => r.kind)).not.toContain("recent_activity");
    expect(lapsed.version).toBe(active.version);
    expect((await getLead(busy.id)).score).toBe(53);
  });
});
