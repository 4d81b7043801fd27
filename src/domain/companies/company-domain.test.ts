import { describe, expect, it } from "vitest";
import { domainOfWebsite } from "./company-domain";

describe("domainOfWebsite", () => {
  it("is the lower-case host without www.", () => {
    expect(domainOfWebsite("https://WWW.Example.de/impressum")).toBe("example.de");
    expect(domainOfWebsite("http://shop.example.com:8080")).toBe("shop.example.com");
    expect(domainOfWebsite("example.org")).toBe("example.org");
  });

  it("gives international names in their ASCII form", () => {
    expect(domainOfWebsite("https://www.müller.de")).toBe("xn--mller-kva.de");
  });

  it("is null without a usable website", () => {
    expect(domainOfWebsite(null)).toBeNull();
    expect(domainOfWebsite("")).toBeNull();
    expect(domainOfWebsite("https://")).toBeNull();
  });
});
