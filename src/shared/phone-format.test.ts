import { describe, expect, it } from "vitest";
import { formatPhone, phoneHref } from "./phone-format";

describe("formatPhone", () => {
  it.each([
    ["030 1234567", "DE", "030 1234567"],
    ["+49301234567", "DE", "030 1234567"],
    ["+49 171 9999999", "DE", "0171 9999999"],
    ["+4315123456", "DE", "+43 1 5123456"],
    ["+49301234567", "AT", "+49 30 1234567"],
    ["+4315123456", "AT", "01 5123456"],
    ["+1 555 564 8583", "DE", "+1 555 564 8583"],
    ["ask reception", "DE", "ask reception"],
    ["", "DE", ""],
    ["030 1234567", null, "+49 30 1234567"],
  ] as const)("%s with home %s → %s", (value, home, shown) => {
    expect(formatPhone(value, home)).toBe(shown);
  });
});

describe("phoneHref", () => {
  it("links the E.164 form, national numbers read as German", () => {
    expect(phoneHref("030 1234567")).toBe("tel:+49301234567");
    expect(phoneHref("+43 1 5123456")).toBe("tel:+4315123456");
  });
});
