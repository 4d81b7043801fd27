import { describe, expect, it } from "vitest";
import { EMPTY_BANT } from "./bant";
import { computeScore, DEFAULT_SCORE_RULES, type ScoreInput } from "./score";

const now = new Date("2026-11-23T12:00:00Z");
const input = (overrides: Partial<ScoreInput> = {}): ScoreInput => ({
  source: "manual",
  bant: EMPTY_BANT,
  lifecycleStage: "mal",
  present: {},
  lastActivityAt: null,
  ...overrides,
});

describe("computeScore", () => {
  it("adds the points of every rule that applies and says why", () => {
    const result = computeScore(
      input({
        source: "referral",
        bant: { ...EMPTY_BANT, budget: { state: "met", amount: "5000", currency: "EUR" } },
        present: { email: true },
      }),
      DEFAULT_SCORE_RULES,
      now,
    );
    expect(result.score).toBe(15 + 20 + 5);
    expect(result.reasons).toEqual([
      { ruleId: "src-referral", kind: "source", subject: "referral", points: 15 },
      { ruleId: "bant-budget", kind: "bant", subject: "budget", points: 20 },
      { ruleId: "has-email", kind: "field_present", subject: "email", points: 5 },
    ]);
  });

  it("counts recent activity only inside its window", () => {
    const recent = computeScore(
      input({ lastActivityAt: new Date(now.getTime() - 3 * 86_400_000) }),
      DEFAULT_SCORE_RULES,
      now,
    );
    const old = computeScore(
      input({ lastActivityAt: new Date(now.getTime() - 30 * 86_400_000) }),
      DEFAULT_SCORE_RULES,
      now,
    );
    expect(recent.score).toBe(10);
    expect(old.score).toBe(0);
  });

  it("stays between 0 and 100", () => {
    expect(computeScore(input({ source: "purchased_list" }), DEFAULT_SCORE_RULES, now).score).toBe(0);
    const all = computeScore(input(), [{ id: "huge", kind: "source", source: "manual", points: 500 }], now);
    expect(all.score).toBe(100);
  });
});
