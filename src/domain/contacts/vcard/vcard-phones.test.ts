import { describe, expect, it } from "vitest";
import { cardPhone, regionOf } from "./vcard-phones";

describe("regionOf", () => {
  it("reads ISO codes and German or English country names, first known one wins", () => {
    expect(regionOf(["us"])).toBe("US");
    expect(regionOf(["Deutschland"])).toBe("DE");
    expect(regionOf(["Österreich"])).toBe("AT");
    expect(regionOf(["United States"])).toBe("US");
    expect(regionOf(["USA"])).toBe("US");
    expect(regionOf([null, "Atlantis", "France"])).toBe("FR");
    expect(regionOf(["Atlantis", ""])).toBeUndefined();
  });
});

describe("cardPhone", () => {
  it("keeps numbers with a country code and national numbers of German or unknown cards as typed", () => {
    expect(cardPhone("+1 (415) 555-3695", "DE")).toEqual({ ok: true, value: "+1 (415) 555-3695" });
    expect(cardPhone("(0221) 9999123", "DE")).toEqual({ ok: true, value: "(0221) 9999123" });
    expect(cardPhone("0171 2345678", undefined)).toEqual({ ok: true, value: "0171 2345678" });
  });

  it("gives a national number of a foreign card that country's code", () => {
    expect(cardPhone("(415) 555-3695", "US")).toEqual({ ok: true, value: "+1 415 555 3695" });
    expect(cardPhone("01 23 45 67 89", "FR")).toEqual({ ok: true, value: "+33 1 23 45 67 89" });
  });

  it("refuses what no reading makes a possible number", () => {
    expect(cardPhone("12", "DE")).toEqual({ ok: false, value: "12" });
    expect(cardPhone("12", "US")).toEqual({ ok: false, value: "12" });
  });
});
