import { describe, expect, it } from "vitest";
import { formatEstimate } from "./count-estimate";

describe("formatEstimate", () => {
  it("rounds to two digits below a million and writes millions short, in German and English", () => {
    expect(formatEstimate(12_345, "de-DE")).toBe("12.000");
    expect(formatEstimate(12_345, "en-GB")).toBe("12,000");
    expect(formatEstimate(1_234_567, "de-DE")).toBe("1,2\u00a0Mio."); // Intl puts a no-break space before "Mio.";
    expect(formatEstimate(1_234_567, "en-GB")).toBe("1.2M");
  });
});
