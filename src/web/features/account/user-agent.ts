import Bowser from "bowser";

/**
 * "Firefox · Windows" from a User-Agent header (bowser, a maintained parser), for the sessions list;
 * the full header stays in the tooltip.
 */
export function deviceName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  // bowser answers "" for what it does not know.
  const browser = parsed.browser.name || null;
  const system = parsed.os.name || null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}
