/**
 * The email a quote is sent with (issue #19 point 4): a subject and a body per language and form of
 * address, written by an admin with `{{placeholders}}`. Pure: which placeholders exist, which a text
 * uses that do not, and the text with the values put in.
 */
export const EMAIL_PLACEHOLDERS = [
  "greeting",
  "quoteNumber",
  "validUntil",
  "total",
  "contactName",
  "customerCompany",
  "senderName",
  "companyName",
] as const;
export type EmailPlaceholder = (typeof EMAIL_PLACEHOLDERS)[number];
export type EmailValues = Record<EmailPlaceholder, string>;

export interface EmailTemplate {
  subject: string;
  body: string;
}

/** `{{ name }}` with optional spaces; anything else in braces is left as typed. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isPlaceholder = (name: string): name is EmailPlaceholder =>
  (EMAIL_PLACEHOLDERS as readonly string[]).includes(name);

/** The names a text uses that are no placeholder, in the order they appear (each once). */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!isPlaceholder(name)) unknown.add(name);
  }
  return [...unknown];
}

/**
 * Puts the values in, in one pass: a value that itself contains `{{…}}` (a customer named
 * "{{total}}") stays as it is instead of being expanded. `singleLine` folds line breaks of values into
 * spaces, for the subject: a value can never add a header line to the mail.
 */
export function renderTemplate(text: string, values: EmailValues, singleLine = false): string {
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole;
    const value = values[name];
    return singleLine ? value.replace(/[\r\n]+/g, " ") : value;
  });
  return singleLine ? filled.replace(/[\r\n]+/g, " ").trim() : filled;
}
