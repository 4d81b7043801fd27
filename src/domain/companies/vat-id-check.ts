/**
 * USt-IdNr. check for companies (issue #20 point 4): the format of each EU country (and the UK,
 * Switzerland, Norway) and, for German numbers, the check digit (ISO 7064 MOD 11,10). Both come from
 * jsvat, a maintained library that implements every country's published rules; a number with a
 * prefix it does not know is held to the general shape (two letters, 2–13 characters). Whether the
 * number was issued is VIES's question, not ours.
 */
import { checkVAT, countries } from "jsvat";

export type VatIdCheck =
  | { ok: true; vatId: string }
  | { ok: false; code: "vat_id_invalid" | "vat_id_check_digit" };

const GENERAL = /^[A-Z]{2}[0-9A-Z+*]{2,13}$/;

/** "de 136.695.976" → DE136695976, or why it is refused. */
export function checkVatId(typed: string): VatIdCheck {
  const vatId = typed.replace(/[\s.\-/]/g, "").toUpperCase();
  if (!/^[A-Z]{2}/.test(vatId)) return { ok: false, code: "vat_id_invalid" };
  const result = checkVAT(vatId, countries);
  if (!result.isSupportedCountry)
    return GENERAL.test(vatId) ? { ok: true, vatId } : { ok: false, code: "vat_id_invalid" };
  if (!result.isValidFormat) return { ok: false, code: "vat_id_invalid" };
  // Only German numbers are refused for their check digit (issue #20); other countries' digits are
  // checked by VIES when the number is used.
  if (vatId.startsWith("DE") && !result.isValid) return { ok: false, code: "vat_id_check_digit" };
  return { ok: true, vatId };
}
