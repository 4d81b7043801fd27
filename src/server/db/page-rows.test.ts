import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoFromUtc } from "./page-rows";

/** PostgreSQL's text of a UTC timestamp: microseconds, trailing zeros of the fraction dropped. */
function postgresText(ms: number, micros: number): string {
  const base = new Date(ms).toISOString(); // 2026-11-23T06:39:20.512Z
  const fraction = `${base.slice(20, 23)}${String(micros).padStart(3, "0")}`.replace(/0+$/, "");
  return `${base.slice(0, 10)} ${base.slice(11, 19)}${fraction ? `.${fraction}` : ""}`;
}

describe("isoFromUtc", () => {
  it("writes what Date#toISOString writes for the same instant, for any fraction", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31) }),
        fc.integer({ min: 0, max: 999 }),
        (ms, micros) => {
          const text = postgresText(ms, micros);
          expect(isoFromUtc(text)).toBe(new Date(`${text}Z`).toISOString());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("handles whole seconds and short fractions", () => {
    expect(isoFromUtc("2026-11-23 06:39:20")).toBe("2026-11-23T06:39:20.000Z");
    expect(isoFromUtc("2026-11-23 06:39:20.5")).toBe("2026-11-23T06:39:20.500Z");
    expect(isoFromUtc("2026-11-23 06:39:20.999999")).toBe("2026-11-23T06:39:20.999Z");
  });
});
