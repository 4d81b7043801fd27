import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPrimaryShortcut, primaryValue, sameDigits, sameEmail, withOnePrimary } from "./contact-points";

const work = (value: string, primary = false) => ({ value, type: "work" as const, primary });

describe("withOnePrimary", () => {
  it("keeps the marked entry, else makes the first primary", () => {
    expect(withOnePrimary([work("a"), work("b", true)]).map((p) => p.primary)).toEqual([false, true]);
    expect(withOnePrimary([work("a"), work("b")]).map((p) => p.primary)).toEqual([true, false]);
    expect(withOnePrimary([])).toEqual([]);
  });

  it("leaves exactly one primary in every non-empty list", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ value: fc.string(), primary: fc.boolean() })), (list) => {
        const result = withOnePrimary(list.map((p) => ({ ...p, type: "work" })));
        expect(result.filter((p) => p.primary)).toHaveLength(list.length === 0 ? 0 : 1);
      }),
    );
  });
});

describe("applyPrimaryShortcut", () => {
  const list = [work("a@example.com", true), work("b@example.com")];

  it("marks an already listed value primary, ignoring case", () => {
    const result = applyPrimaryShortcut(list, "B@example.com", "work", sameEmail);
    expect(primaryValue(result)).toBe("b@example.com");
    expect(result).toHaveLength(2);
  });

  it("adds a new value in front as primary", () => {
    const result = applyPrimaryShortcut(list, "c@example.com", "work", sameEmail);
    expect(result.map((p) => [p.value, p.primary])).toEqual([
      ["c@example.com", true],
      ["a@example.com", false],
      ["b@example.com", false],
    ]);
  });

  it("drops the primary entry on null and promotes the next", () => {
    const result = applyPrimaryShortcut(list, null, "work", sameEmail);
    expect(result).toEqual([work("b@example.com", true)]);
  });

  it("compares phone numbers by their digits", () => {
    expect(sameDigits("+49 30 123", "+49-30-123")).toBe(true);
  });
});
