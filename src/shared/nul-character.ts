import { msg } from "@shared/message-codes";

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a value carrying one fails in the database on
 * PGlite and PostgreSQL alike. Input is checked for it before it gets that far, so the answer can name
 * the field (issue 15.12).
 */
export const NUL_MESSAGE = msg("nul_character");

/**
 * The dotted path of the first string (or object key) in `value` that holds a NUL character, "" when it
 * is `value` itself, null when there is none.
 */
export function nulCharacterPath(value: unknown, path: readonly string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (key.includes("\u0000")) return at.join(".");
    const found = nulCharacterPath(item, at);
    if (found !== null) return found;
  }
  return null;
}
