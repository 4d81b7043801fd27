import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastBucket, forecastMonths, monthRange } from "./forecast";
import { FUNNEL_STEPS, funnelOf, median, percentile } from "./funnel";
import { healthFlags } from "./health";

describe("funnelOf", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 2, day));
  const lead = {
    createdAt: at(1),
    malAt: at(1),
    mqlAt: null,
    salAt: null,
    sqlAt: null,
    convertedAt: null,
    wonAt: null,
  };

  it("counts a lead converted straight from MAL in MQL, SAL and SQL too, at its conversion", () => {
    const steps = funnelOf([lead, { ...lead, convertedAt: at(11), wonAt: at(21) }]);
    expect(steps.map((s) => s.count)).toEqual([2, 1, 1, 1, 1, 1]);
    expect(steps.map((s) => s.medianDaysFromPrevious)).toEqual([null, 10, 0, 0, 0, 10]);
    expect(steps.map((s) => s.rateFromPrevious)).toEqual([null, 0.5, 1, 1, 1, 1]);
  });

  it("never grows down the funnel, whatever stamps the leads carry", () => {
    const date = fc.option(fc.date({ min: at(1), max: at(28), noInvalidDate: true }), { nil: null });
    const anyLead = fc.record({
      createdAt: fc.date({ min: at(1), max: at(28), noInvalidDate: true }),
      malAt: date,
      mqlAt: date,
      salAt: date,
      sqlAt: date,
      convertedAt: date,
      wonAt: date,
    });
    fc.assert(
      fc.property(fc.array(anyLead, { maxLength: 30 }), (leads) => {
        const counts = funnelOf(leads).map((s) => s.count);
        expect(counts[0]).toBe(leads.length);
        for (let i = 1; i < FUNNEL_STEPS.length; i++)
          expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] ?? 0);
      }),
    );
  });

  it("takes medians and percentiles as PostgreSQL's percentile_cont does", () => {
    expect(median([4, 2, 1, 10])).toBe(3);
    expect(median([])).toBeNull();
    expect(percentile([2, 4, 6], 0.75)).toBe(5);
  });
});

describe("forecast buckets", () => {
  it("has the next six months from the current one, across a year's end", () => {
    expect(forecastMonths("2026-10-31")).toEqual([
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
    ]);
  });

  it("puts a passed date in overdue, a far one in later and none in none", () => {
    expect(forecastBucket("2026-12-06", "2026-12-07")).toBe("overdue");
    expect(forecastBucket("2026-12-07", "2026-12-07")).toBe("2026-12");
    expect(forecastBucket("2027-05-31", "2026-12-07")).toBe("2027-05");
    expect(forecastBucket("2027-06-01", "2026-12-07")).toBe("later");
    expect(forecastBucket(null, "2026-12-07")).toBe("none");
    expect(monthRange("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
});

describe("healthFlags", () => {
  const deal = {
    status: "open",
    hasOpenActivity: true,
    expectedCloseDate: "2026-12-31",
    today: "2026-12-07",
    daysInStage: 6,
    medianDaysInStage: 4,
  };

  it("flags a missing next activity, a passed close date and a stay beyond 1.5× the median", () => {
    expect(healthFlags(deal)).toEqual([]);
    expect(healthFlags({ ...deal, hasOpenActivity: false })).toEqual(["no_next_activity"]);
    expect(healthFlags({ ...deal, expectedCloseDate: "2026-12-06" })).toEqual(["close_date_passed"]);
    expect(healthFlags({ ...deal, daysInStage: 7 })).toEqual(["stuck"]);
  });

  it("never flags a closed deal, nor a stage without enough history as stuck", () => {
    expect(healthFlags({ ...deal, status: "won", hasOpenActivity: false })).toEqual([]);
    expect(healthFlags({ ...deal, daysInStage: 400, medianDaysInStage: null })).toEqual([]);
  });
});
