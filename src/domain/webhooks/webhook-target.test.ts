import { describe, expect, it } from "vitest";
import { retryDelayMs, shouldDisable, WEBHOOK_MAX_ATTEMPTS } from "./webhook-events";
import { isAllowed, isPublicAddress, mayConnect, parseTargetUrl } from "./webhook-target";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", false],
    ["127.255.255.254", false],
    ["10.0.0.1", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.178.1", false],
    ["100.64.0.1", false],
    ["100.127.255.255", false],
    ["169.254.169.254", false],
    ["0.0.0.0", false],
    ["255.255.255.255", false],
    ["224.0.0.1", false],
    ["::", false],
    ["::1", false],
    ["fe80::1", false],
    ["febf::1", false],
    ["fc00::1", false],
    ["fd12:3456::1", false],
    ["ff02::1", false],
    // IPv6 forms that carry a private IPv4 address
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:10.0.0.1", false],
    ["::127.0.0.1", false],
    ["::a00:1", false],
    ["64:ff9b::a00:1", false],
    ["2002:c0a8:101::1", false],
    // public ones
    ["1.1.1.1", true],
    ["172.32.0.1", true],
    ["100.128.0.1", true],
    ["93.184.216.34", true],
    ["2606:4700:4700::1111", true],
    ["::ffff:1.1.1.1", true],
    ["not an address", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("parseTargetUrl", () => {
  it.each([
    ["ftp://example.com/", "webhook_url_scheme"],
    ["file:///etc/passwd", "webhook_url_scheme"],
    ["gopher://example.com/", "webhook_url_scheme"],
    ["http://user:secret@example.com/", "webhook_url_credentials"],
    ["http://user@example.com/", "webhook_url_credentials"],
    ["example.com/hook", "webhook_url_invalid"],
    ["http://", "webhook_url_invalid"],
  ])("refuses %s (%s)", (url, refusal) => {
    expect(parseTargetUrl(url)).toEqual({ refusal });
  });

  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://0x7f.0.0.1/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://012.0.0.1/", "10.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["https://Hooks.Example.com:8443/x?y=1", "hooks.example.com"],
  ])("reads the host of %s as %s (decimal, octal and hex IPv4 spellings normalised)", (url, host) => {
    const parsed = parseTargetUrl(url);
    expect("host" in parsed && parsed.host).toBe(host);
    if ("host" in parsed && host !== "hooks.example.com") expect(isPublicAddress(parsed.host)).toBe(false);
  });
});

describe("the allow-list", () => {
  it("admits a listed host or address, in any IPv6 spelling of it, and nothing else", () => {
    expect(isAllowed("127.0.0.1", "127.0.0.1", ["127.0.0.1"])).toBe(true);
    expect(isAllowed("erp.intern", "10.0.0.5", ["ERP.intern"])).toBe(true);
    expect(isAllowed("x", "::ffff:10.0.0.5", ["10.0.0.5"])).toBe(true);
    expect(mayConnect("erp.intern", "10.0.0.6", ["10.0.0.5"])).toBe(false);
    expect(mayConnect("example.com", "93.184.216.34", [])).toBe(true);
  });
});

describe("retries and switching off", () => {
  it("backs off exponentially, then gives up", () => {
    const delays = Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, 0.5));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
    expect(retryDelayMs(1, 0)).toBe(4_500);
    expect(retryDelayMs(1, 1)).toBe(5_500);
  });

  it("switches a subscription off after five days in which every delivery failed", () => {
    const now = new Date("2026-12-07T12:00:00Z");
    expect(shouldDisable(null, now)).toBe(false);
    expect(shouldDisable(new Date("2026-12-03T12:00:01Z"), now)).toBe(false);
    expect(shouldDisable(new Date("2026-12-02T12:00:00Z"), now)).toBe(true);
  });
});
