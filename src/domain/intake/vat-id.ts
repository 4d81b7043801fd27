/**
 * VAT identification numbers (USt-IdNr.): the syntax per country of the EU's VIES formats for the
 * countries our customers meet most, and the general shape (two-letter prefix, 2–13 characters) for
 * the others. Syntax only: whether the number exists is VIES's question, not ours.
 */
const FORMATS: Record<string, RegExp> = {
  DE: /^DE\d{9}$/,
  AT: /^ATU\d{8}$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
  FR: /^FR[0-9A-Z]{2}\d{9}$/,
  NL: /^NL\d{9}B\d{2}$/,
  BE: /^BE[01]\d{9}$/,
  IT: /^IT\d{11}$/,
  ES: /^ES[0-9A-Z]\d{7}[0-9A-Z]$/,
  PL: /^PL\d{10}$/,
  LU: /^LU\d{8}$/,
  DK: /^DK\d{8}$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};
const GENERAL = /^[A-Z]{2}[0-9A-Z+*]{2,13}$/;

/** "de 123.456.789" → "DE123456789"; null when the syntax is wrong. */
export function normaliseVatId(typed: string): string | null {
  const compact = typed.replace(/[\s.\-/]/g, "").toUpperCase();
  const format = FORMATS[compact.slice(0, 2)] ?? GENERAL;
  return format.test(compact) ? compact : null;
}
