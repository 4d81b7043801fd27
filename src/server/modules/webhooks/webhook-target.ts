import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { mayConnect, parseTargetUrl, type TargetRefusal } from "@domain/webhooks/webhook-target";

export type TargetCheck =
  | { ok: true; url: URL; host: string; address: string; family: 4 | 6 }
  | { ok: false; refusal: TargetRefusal | "webhook_url_unresolvable" };

/** DNS answers slower than this count as unresolvable: a delivery must not hang on a lookup. */
const LOOKUP_TIMEOUT_MS = 5_000;

async function resolveAll(host: string): Promise<{ address: string; family: number }[] | null> {
  if (isIP(host)) return [{ address: host, family: isIP(host) }];
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      lookup(host, { all: true, verbatim: true }),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks a webhook URL and resolves its host: refused when any address it resolves to is private
 * or local (a name with one public and one private address could be steered to the private one),
 * unless the host or address is on LEADWERK_WEBHOOK_ALLOWED_HOSTS. The sender then connects to the
 * address checked here (its socket's `lookup` answers with it), so a second DNS answer cannot
 * rebind the host to another address between the check and the connection.
 */
export async function checkTarget(value: string, allowed: readonly string[]): Promise<TargetCheck> {
  const parsed = parseTargetUrl(value);
  if ("refusal" in parsed) return { ok: false, refusal: parsed.refusal };
  const addresses = await resolveAll(parsed.host);
  if (!addresses || addresses.length === 0) return { ok: false, refusal: "webhook_url_unresolvable" };
  if (!addresses.every((a) => mayConnect(parsed.host, a.address, allowed)))
    return { ok: false, refusal: "webhook_url_private" };
  const [first] = addresses;
  if (!first) return { ok: false, refusal: "webhook_url_unresolvable" };
  return {
    ok: true,
    url: parsed.url,
    host: parsed.host,
    address: first.address,
    family: first.family === 6 ? 6 : 4,
  };
}
