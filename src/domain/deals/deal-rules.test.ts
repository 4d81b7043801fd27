import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealContactLinks } from "./deal-contacts";
import { plannedStageRemovals } from "./default-pipeline";
import { effectiveProbability, weightedAmount } from "./probability";
import { DAY_MS, daysSince, isRotting } from "./rotting";
import { applyTransition, stageTransition, timeInStages } from "./stage-history";

describe("effectiveProbability", () => {
  it("is the override when set, else the stage's", () => {
    expect(effectiveProbability(null, 25)).toBe(25);
    expect(effectiveProbability(undefined, 25)).toBe(25);
    expect(effectiveProbability(0, 25)).toBe(0);
    expect(effectiveProbability(80, 25)).toBe(80);
  });

  it("is 100 for a won deal and 0 for a lost one, whatever the stage or override says (#18)", () => {
    expect(effectiveProbability(null, 25, "won")).toBe(100);
    expect(effectiveProbability(40, 25, "won")).toBe(100);
    expect(effectiveProbability(null, 25, "lost")).toBe(0);
    expect(effectiveProbability(90, 25, "lost")).toBe(0);
    expect(effectiveProbability(null, 25, "open")).toBe(25);
  });
});

describe("weightedAmount", () => {
  it("is amount × probability, rounded half away from zero to cents", () => {
    expect(weightedAmount({ amount: { amount: "102000.00", currency: "EUR" }, probability: 25 })).toEqual({
      amount: "25500.00",
      currency: "EUR",
    });
    expect(weightedAmount({ amount: { amount: "0.05", currency: "EUR" }, probability: 50 })).toEqual({
      amount: "0.03",
      currency: "EUR",
    });
    expect(weightedAmount({ amount: { amount: "-0.05", currency: "EUR" }, probability: 50 })?.amount).toBe(
      "-0.03",
    );
    expect(weightedAmount({ amount: null, probability: 50 })).toBeNull();
  });
});

describe("isRotting", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const deal = { status: "open", rottingDays: 7, stageEnteredAt: ago(10), lastActivityAt: null, now };

  it("flags an open deal without activity for longer than the stage's rotting days", () => {
    expect(isRotting(deal)).toBe(true);
    expect(isRotting({ ...deal, lastActivityAt: ago(3) })).toBe(false);
    expect(isRotting({ ...deal, stageEnteredAt: ago(7) })).toBe(false);
  });

  it("never flags closed deals or stages without rotting days", () => {
    expect(isRotting({ ...deal, status: "won" })).toBe(false);
    expect(isRotting({ ...deal, rottingDays: null })).toBe(false);
  });

  it("counts entering the stage as activity", () => {
    expect(isRotting({ ...deal, stageEnteredAt: ago(1), lastActivityAt: ago(30) })).toBe(false);
  });

  it("days in stage are whole days", () => {
    expect(daysSince(ago(0.5), now)).toBe(0);
    expect(daysSince(ago(8.9), now)).toBe(8);
  });
});

describe("stage history", () => {
  const t0 = new Date("2026-01-01T00:00:00Z");
  const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);

  it("a move to another stage closes the open stay and opens one; a reorder changes nothing", () => {
    let history = applyTransition([], stageTransition(null, "a", at(0)));
    history = applyTransition(history, stageTransition("a", "a", at(1)));
    expect(history).toEqual([{ stageId: "a", enteredAt: at(0), leftAt: null }]);
    history = applyTransition(history, stageTransition("a", "b", at(2)));
    expect(history).toEqual([
      { stageId: "a", enteredAt: at(0), leftAt: at(2) },
      { stageId: "b", enteredAt: at(2), leftAt: null },
    ]);
    expect(timeInStages(history, at(5))).toEqual(
      new Map([
        ["a", 2 * 3_600_000],
        ["b", 3 * 3_600_000],
      ]),
    );
  });

  it("always has exactly one open stay, in the current stage, after any sequence of moves", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 30 }), (moves) => {
        let history = applyTransition([], stageTransition(null, moves[0] ?? "a", at(0)));
        let current = moves[0] ?? "a";
        moves.slice(1).forEach((to, i) => {
          history = applyTransition(history, stageTransition(current, to, at(i + 1)));
          current = to;
        });
        const open = history.filter((s) => s.leftAt === null);
        expect(open).toHaveLength(1);
        expect(open[0]?.stageId).toBe(current);
        for (const [i, s] of history.entries())
          if (i > 0) expect(s.stageId).not.toBe(history[i - 1]?.stageId);
      }),
    );
  });
});

describe("dealContactLinks", () => {
  it("makes the marked contact primary, else the first; each contact once, primary first", () => {
    expect(
      dealContactLinks([{ contactId: "a" }, { contactId: "b", isPrimary: true }, { contactId: "a" }]),
    ).toEqual([
      { contactId: "b", isPrimary: true },
      { contactId: "a", isPrimary: false },
    ]);
    expect(dealContactLinks([{ contactId: "x" }, { contactId: "y" }])).toEqual([
      { contactId: "x", isPrimary: true },
      { contactId: "y", isPrimary: false },
    ]);
    expect(dealContactLinks([])).toEqual([]);
  });
});

describe("plannedStageRemovals", () => {
  it("removes the stages the new list does not name", () => {
    const { kept, removed } = plannedStageRemovals(["a", "b", "c"], ["c", undefined, "a"]);
    expect([...kept]).toEqual(["c", "a"]);
    expect(removed).toEqual(["b"]);
  });
});
