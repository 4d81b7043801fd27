/**
 * Document numbers from a configurable scheme (settings): `{YYYY}` the year, `{YY}` its last two
 * digits, `{N…}` the running number of that year padded to as many digits as Ns (`{NNNN}` → 0001).
 * The running number itself comes from a counter row per kind and year, locked by the sending
 * transaction, so numbers are gap-free per year and unique under concurrency.
 */
export const DEFAULT_QUOTE_SCHEME = "AN-{YYYY}-{NNNN}";
export const DEFAULT_INVOICE_SCHEME = "RE-{YYYY}-{NNNN}";

const TOKEN = /\{(YYYY|YY|N{1,10})\}/g;

/** Whether a scheme has exactly one running number and only known placeholders. */
export function isValidScheme(scheme: string): boolean {
  const running = scheme.match(/\{N{1,10}\}/g) ?? [];
  const withoutTokens = scheme.replace(TOKEN, "");
  return running.length === 1 && !/[{}]/.test(withoutTokens) && scheme.length <= 60;
}

export function formatDocumentNumber(scheme: string, year: number, running: number): string {
  return scheme.replace(TOKEN, (_all, token: string) => {
    if (token === "YYYY") return String(year).padStart(4, "0");
    if (token === "YY") return String(year % 100).padStart(2, "0");
    return String(running).padStart(token.length, "0");
  });
}
