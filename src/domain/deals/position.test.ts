import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MIN_GAP,
  POSITION_STEP,
  positionAtEnd,
  positionBetween,
  positionForIndex,
  renumber,
} from "./position";

const sorted = fc
  .array(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), { maxLength: 30 })
  .map((xs) => [...xs].sort((a, b) => a - b));

describe("positionForIndex", () => {
  it("places a card strictly between its neighbours, or asks for renumbering", () => {
    fc.assert(
      fc.property(sorted, fc.nat(40), (positions, index) => {
        const p = positionForIndex(positions, index);
        const at = Math.min(index, positions.length);
        const before = positions[at - 1];
        const after = positions[at];
        if (p === null) {
          // Only when the two neighbours are (nearly) equal.
          expect(before !== undefined && after !== undefined && after - before <= MIN_GAP * 2).toBe(true);
          return;
        }
        if (before !== undefined) expect(p).toBeGreaterThan(before);
        if (after !== undefined) expect(p).toBeLessThan(after);
      }),
    );
  });

  it("always finds room after renumbering, at every index", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(210), (count, index) => {
        const fresh = renumber(count);
        const p = positionForIndex(fresh, index);
        expect(p).not.toBeNull();
        const merged = [...fresh.slice(0, Math.min(index, count)), p, ...fresh.slice(Math.min(index, count))];
        expect(merged).toEqual([...merged].sort((a, b) => (a ?? 0) - (b ?? 0)));
        expect(new Set(merged).size).toBe(merged.length);
      }),
    );
  });

  it("keeps splitting the same gap for many drags before a renumbering is needed", () => {
    let before = POSITION_STEP;
    const after = 2 * POSITION_STEP;
    let drags = 0;
    for (;;) {
      const p = positionBetween(before, after);
      if (p === null) break;
      before = p;
      drags++;
    }
    expect(drags).toBeGreaterThan(25);
  });
});

describe("positionAtEnd", () => {
  it("is after the last card, and one step on an empty column", () => {
    expect(positionAtEnd(null)).toBe(POSITION_STEP);
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (last) => {
        expect(positionAtEnd(last)).toBeGreaterThan(last);
      }),
    );
  });
});
