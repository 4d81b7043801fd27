import { describe, expect, it } from "vitest";
import { parseTypedDay } from "./day-text";

describe("parseTypedDay", () => {
  it("reads German days with and without leading zeros and a two-digit year", () => {
    expect(parseTypedDay("23.12.2026", "de")).toBe("2026-12-23");
    expect(parseTypedDay(" 3.1.2027 ", "de")).toBe("2027-01-03");
    expect(parseTypedDay("23.12.26", "de")).toBe("2026-12-23");
    expect(parseTypedDay("2026-12-23", "de")).toBe("2026-12-23");
  });
  it("reads English days day-first", () => {
    expect(parseTypedDay("31 Dec 2099", "en")).toBe("2099-12-31");
    expect(parseTypedDay("03/01/2027", "en")).toBe("2027-01-03");
  });
  it("refuses what is no day instead of guessing", () => {
    expect(parseTypedDay("31.02.2026", "de")).toBeNull();
    expect(parseTypedDay("12/31/2026", "en")).toBeNull();
    expect(parseTypedDay("morgen", "de")).toBeNull();
    expect(parseTypedDay("", "en")).toBeNull();
  });
});
