import ipaddr from "ipaddr.js";

/**
 * A client address shortened for the sessions list (IPv4 to its /24, IPv6 to its /48): a user can
 * tell "the office" from "abroad", while the table holds no address that names one device.
 */
export function ipPrefix(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const address = ipaddr.process(ip);
  const bytes = address.toByteArray();
  if (address.kind() === "ipv4") return `${bytes.slice(0, 3).join(".")}.0/24`;
  const head = [...bytes.slice(0, 6), ...new Array<number>(10).fill(0)];
  return `${ipaddr.fromByteArray(head).toString()}/48`;
}
