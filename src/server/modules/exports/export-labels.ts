import de from "@web/i18n/de.json";
import en from "@web/i18n/en.json";

/** The languages a file can be written in; `raw` is the machine form (field keys, codes, ISO). */
export type ExportLocale = "de" | "en";

const TEXTS: Record<ExportLocale, unknown> = { de, en };

/**
 * The UI's own word for a key such as `leads.fields.firstName` or `leads.status.new`, so a column
 * header and a value read exactly as on screen. Falls back to the key's last part, never throws.
 */
export function uiText(locale: ExportLocale, path: string): string {
  const key = `${locale}:${path}`;
  let text = resolved.get(key);
  if (text === undefined) {
    text = lookup(locale, path);
    if (resolved.size < 50_000) resolved.set(key, text);
  }
  return text;
}

/**
 * Texts already looked up: an export asks for the same few labels once per row. Capped, so unknown codes
 * cannot make it grow without end.
 */
const resolved = new Map<string, string>();

function lookup(locale: ExportLocale, path: string): string {
  const node = uiGroup(locale, path);
  return typeof node === "string" ? node : (path.split(".").at(-1) ?? path);
}

/** What the UI's texts hold at a path: a text, a group of texts (`companies.fields`) or undefined. */
export function uiGroup(locale: ExportLocale, path: string): unknown {
  let node: unknown = TEXTS[locale];
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
