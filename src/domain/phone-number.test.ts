import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone-number";

describe("normalizePhone", () => {
  it("writes national and international forms of one number alike", () => {
    expect(normalizePhone("030 123456")).toBe("+4930123456");
    expect(normalizePhone("+49 30 123456")).toBe("+4930123456");
    expect(normalizePhone("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("gives null for nothing and for what is no number", () => {
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone("")).toBeNull();
    expect(normalizePhone("call me")).toBeNull();
  });
});
