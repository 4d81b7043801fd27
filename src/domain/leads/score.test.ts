import { describe, expect, it } from "vitest";
import { EMPTY_BANT } from "./bant";
import {
  computeScore,
  DEFAULT_SCORE_RULES,
  type ScoreInput,
  type ScoreRule,
  shortestRecencyWindow,
} from "./score";

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

describe("shortestRecencyWindow", () => {
  const recency = (id: string, withinDays: number, points: number): ScoreRule => ({
    id,
    kind: "recent_activity",
    withinDays,
    points,
  });

  it("is the smallest window of the recency rules that give points", () => {
    const rules = [...DEFAULT_SCORE_RULES, recency("week", 7, 5), recency("quarter", 90, 3)];
    expect(shortestRecencyWindow(rules)).toBe(7);
  });

  it("ignores recency rules worth nothing, and is null without any", () => {
    expect(shortestRecencyWindow([recency("off", 2, 0), recency("month", 30, 4)])).toBe(30);
    expect(shortestRecencyWindow(DEFAULT_SCORE_RULES.filter((r) => r.kind !== "recent_activity"))).toBeNull();
  });

  it("marks the age past which a lead's recency points have lapsed", () => {
    const rules = [recency("fortnight", 14, 10)];
    const days = shortestRecencyWindow(rules) ?? 0;
    const at = (ageDays: number) =>
      computeScore(input({ lastActivityAt: new Date(now.getTime() - ageDays * 86_400_000) }), rules, now)
        .score;
    expect(at(days)).toBe(10);
    expect(at(days + 0.01)).toBe(0);
  });
});
