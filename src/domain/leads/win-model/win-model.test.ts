import { LEAD_SOURCES, type LeadSource } from "@domain/leads/lead-source";
import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import type { WinFeatureInput } from "./win-features";
import { DEFAULT_WIN_MODEL_FIELDS } from "./win-features";
import { aucOf, calibrationTable } from "./win-metrics";
import { explainWin, type FitLogistic, isHeldOut, trainWinModel, type WinExample } from "./win-model";

/** The library call the server's worker makes (fit-logistic.worker.mjs), here in-process. */
const fitInProcess: FitLogistic = async (rows, labels) => {
  const model = new LogisticRegression({ numSteps: 300, learningRate: 1 / rows.length });
  model.train(new Matrix(rows), Matrix.columnVector(labels));
  const [positive] = model.classifiers;
  return positive ? positive.weights.to1DArray() : [];
};

/** A seeded generator, so a failure repeats. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/** History in which referrals and a confirmed budget win far more often; everything else is noise. */
function history(count: number, seed = 7): WinExample[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const source: LeadSource = next() < 0.3 ? "referral" : (LEAD_SOURCES[Math.floor(next() * 12)] ?? "other");
    const budget = next() < 0.4;
    const createdAt = new Date(Date.UTC(2026, 0, 1 + (i % 300)));
    const input: WinFeatureInput = {
      source,
      bantMet: { budget, authority: next() < 0.5, need: next() < 0.5, timeline: next() < 0.5 },
      createdAt,
      malAt: createdAt,
      mqlAt: next() < 0.5 ? new Date(createdAt.getTime() + 3 * 86_400_000) : null,
      salAt: null,
      sqlAt: null,
      activityCount: Math.floor(next() * 6),
      firstActivityAt: next() < 0.7 ? new Date(createdAt.getTime() + next() * 48 * 3_600_000) : null,
      present: { email: next() < 0.8, phone: next() < 0.6 },
    };
    const chance = 0.1 + (source === "referral" ? 0.4 : 0) + (budget ? 0.35 : 0);
    return { id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, input, won: next() < chance };
  });
}

describe("trainWinModel", () => {
  it("finds that referrals and a confirmed budget win, and ranks held-out leads well", async () => {
    const result = await trainWinModel(history(800), DEFAULT_WIN_MODEL_FIELDS, fitInProcess);
    expect(result.state).toBe("published");
    if (!result.model) throw new Error("no model");
    const weight = (name: string) => result.model?.features.find((f) => f.name === name)?.coefficient ?? 0;
    expect(weight("source:referral")).toBeGreaterThan(0.3);
    expect(weight("bant:budget")).toBeGreaterThan(0.3);
    // The noise features weigh far less than the pattern.
    expect(Math.abs(weight("bant:need"))).toBeLessThan(weight("bant:budget") / 2);
    expect(result.auc).toBeGreaterThan(0.7);
    expect(result.holdoutCount).toBeGreaterThan(150);
    expect(result.calibration).toHaveLength(10);
    const [lowest] = result.calibration;
    const highest = result.calibration.at(-1);
    expect((highest?.observed ?? 0) - (lowest?.observed ?? 1)).toBeGreaterThan(0.4);
  });

  it("names budget and referral as what raised a strong lead, and their absence as what lowered a weak one", async () => {
    const result = await trainWinModel(history(800), DEFAULT_WIN_MODEL_FIELDS, fitInProcess);
    if (!result.model) throw new Error("no model");
    const base = history(1, 99)[0]?.input;
    if (!base) throw new Error("no lead");
    const bant = { budget: true, authority: false, need: false, timeline: false };
    const strong = explainWin(result.model, { ...base, source: "referral", bantMet: bant });
    const weak = explainWin(result.model, {
      ...base,
      source: "purchased_list",
      bantMet: { ...bant, budget: false },
    });
    expect(strong.probability).toBeGreaterThan(weak.probability + 0.3);
    expect(strong.raising.map((f) => f.feature)).toEqual(
      expect.arrayContaining(["source:referral", "bant:budget"]),
    );
    expect(weak.lowering.map((f) => f.feature)).toContain("bant:budget");
  });

  it("publishes nothing on too little history", async () => {
    let called = false;
    const result = await trainWinModel(history(150), DEFAULT_WIN_MODEL_FIELDS, async (rows, labels) => {
      called = true;
      return fitInProcess(rows, labels);
    });
    expect(result).toMatchObject({ state: "too_little_history", model: null, auc: null, examples: 150 });
    expect(called).toBe(false);
  });

  it("publishes nothing when one outcome is rare, however long the history", async () => {
    const lopsided = history(600).map((e, i) => ({ ...e, won: i % 20 === 0 }));
    const result = await trainWinModel(lopsided, DEFAULT_WIN_MODEL_FIELDS, fitInProcess);
    expect(result.state).toBe("too_little_history");
  });

  it("holds out about a quarter of the leads, the same ones every time", () => {
    const ids = history(2000).map((e) => e.id);
    const held = ids.filter(isHeldOut).length;
    expect(held / ids.length).toBeGreaterThan(0.2);
    expect(held / ids.length).toBeLessThan(0.3);
    expect(ids.filter(isHeldOut)).toEqual(ids.filter(isHeldOut));
  });
});

describe("aucOf and calibrationTable", () => {
  it("answers 1 for a perfect ranking, 0.5 for ties, null without both outcomes", () => {
    expect(
      aucOf([
        { probability: 0.2, won: false },
        { probability: 0.8, won: true },
      ]),
    ).toBe(1);
    expect(
      aucOf([
        { probability: 0.5, won: false },
        { probability: 0.5, won: true },
      ]),
    ).toBe(0.5);
    expect(aucOf([{ probability: 0.5, won: true }])).toBeNull();
  });

  it("cuts the leads into ten equal groups by probability", () => {
    const scored = Array.from({ length: 100 }, (_, i) => ({ probability: i / 100, won: i >= 50 }));
    const table = calibrationTable(scored);
    expect(table.map((r) => r.count)).toEqual(Array(10).fill(10));
    expect(table[0]).toMatchObject({ decile: 1, observed: 0 });
    expect(table[9]).toMatchObject({ decile: 10, observed: 1 });
    expect(table[0]?.predicted).toBeCloseTo(0.045);
  });
});
