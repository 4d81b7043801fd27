import { DEFAULT_PIPELINE_TEMPLATE } from "@domain/deals/default-pipeline";
import { pipelines } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { seedFakers } from "@test/factories-crm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoData } from "../../../../scripts/seed/demo-builder";
import { ensurePeople, ensurePipeline } from "../../../../scripts/seed/people";
import { ACTIVITY_TEXTS, INDUSTRIES } from "./demo-data";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

class RolledBack extends Error {}

describe("npm run seed:demo -- --locale en", () => {
  it("writes an English demo: no German stage names, industries or activity subjects", async () => {
    const germanStages = new Set(DEFAULT_PIPELINE_TEMPLATE.de.stages.map((s) => s.name));
    const germanOnly = (pairs: readonly (readonly [string, string])[]) =>
      new Set(pairs.filter(([de, en]) => de !== en).map(([de]) => de));
    const germanIndustries = germanOnly(INDUSTRIES.map(([industry]) => industry));
    const germanSubjects = germanOnly(Object.values(ACTIVITY_TEXTS).flatMap((texts) => texts.subjects));
    const englishSubjects = new Set(
      Object.values(ACTIVITY_TEXTS).flatMap((texts) => texts.subjects.map(([, en]) => en)),
    );

    // In a transaction that is rolled back: the file's database stays as it was.
    const seen = await t.database.db
      .transaction(async (tx) => {
        await tx.update(pipelines).set({ deletedAt: new Date() }); // a fresh install without a pipeline
        const people = await ensurePeople(tx, "not-a-real-hash", "en");
        const stageRows = await ensurePipeline(tx, "en");
        seedFakers(20261123);
        const data = buildDemoData(people, stageRows, "en");
        const teams = [people.teams.nord.name, people.teams.sued.name];
        throw new RolledBack(JSON.stringify({ stages: stageRows.map((s) => s.name), teams, data }));
      })
      .catch((error: unknown) => {
        if (error instanceof RolledBack)
          return JSON.parse(error.message) as {
            stages: string[];
            teams: string[];
            data: ReturnType<typeof buildDemoData>;
          };
        throw error;
      });

    expect(seen.stages).toEqual(DEFAULT_PIPELINE_TEMPLATE.en.stages.map((s) => s.name));
    expect(seen.stages.filter((name) => germanStages.has(name))).toEqual([]);
    expect(seen.teams).toEqual(["Sales North", "Sales South"]);
    const industries = seen.data.companies.map((c) => c.industry ?? "");
    expect(industries.length).toBeGreaterThan(10);
    expect(industries.filter((i) => germanIndustries.has(i))).toEqual([]);
    const subjects = seen.data.activities.map((a) => a.subject);
    expect(subjects.filter((s) => germanSubjects.has(s))).toEqual([]);
    expect(subjects.some((s) => englishSubjects.has(s))).toBe(true);
  });
});
