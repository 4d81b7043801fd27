import ipaddr from "ipaddr.js";

/**
 * Where a webhook may be sent (SSRF rules, issue #14): http(s) only, no credentials in the URL, and
 * only to public unicast addresses. Loopback, private (10/8, 172.16/12, 192.168/16), shared
 * (100.64/10), link-local, unique-local (fc00::/7), unspecified, multicast, broadcast and reserved
 * ranges are refused, and so are IPv6 forms that carry such an IPv4 address (mapped ::ffff:0:0/96,
 * compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16). Decimal, octal and hex IPv4 spellings
 * ("2130706433", "0177.0.0.1", "0x7f.1") are normalised by the WHATWG URL parser before they are
 * checked. ipaddr.js names the ranges, so no CIDR table is hand-written here.
 */
export type TargetRefusal =
  | "webhook_url_invalid"
  | "webhook_url_scheme"
  | "webhook_url_credentials"
  | "webhook_url_private";

/** The URL's parts that matter, or why it is refused before any DNS lookup. */
export function parseTargetUrl(value: string): { url: URL; host: string } | { refusal: TargetRefusal } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { refusal: "webhook_url_invalid" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { refusal: "webhook_url_scheme" };
  if (url.username || url.password) return { refusal: "webhook_url_credentials" };
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (!host) return { refusal: "webhook_url_invalid" };
  return { url, host };
}

/** The IPv4 address an IPv6 address carries in its low 32 bits, for the forms that embed one. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = address.range();
  const parts = address.toByteArray();
  const low = (at: number) => new ipaddr.IPv4(parts.slice(at, at + 4));
  if (range === "ipv4Mapped" || range === "rfc6052" || range === "rfc6145") return low(12);
  if (range === "6to4") return low(2);
  // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks): the first 96 bits are zero.
  if (parts.slice(0, 12).every((b) => b === 0) && range !== "unspecified" && range !== "loopback")
    return low(12);
  return null;
}

/** Whether a literal address is a public unicast one a webhook may reach. */
export function isPublicAddress(literal: string): boolean {
  if (!ipaddr.isValid(literal)) return false;
  const parsed = ipaddr.parse(literal);
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const v6 = parsed as ipaddr.IPv6;
  const inner = embeddedIpv4(v6);
  if (inner) return inner.range() === "unicast";
  return v6.range() === "unicast";
}

/** Whether the host or the address it resolved to is on the allow-list (on-premises receivers). */
export function isAllowed(host: string, address: string, allowed: readonly string[]): boolean {
  const lower = host.toLowerCase();
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    if (e === lower) return true;
    return (
      ipaddr.isValid(e) &&
      ipaddr.isValid(address) &&
      ipaddr.process(e).toString() === ipaddr.process(address).toString()
    );
  });
}

/** A resolved address may be used when it is public or allowed. */
export function mayConnect(host: string, address: string, allowed: readonly string[]): boolean {
  return isAllowed(host, address, allowed) || isPublicAddress(address);
}
