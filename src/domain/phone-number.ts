import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * E.164 form for matching leads and contacts ("030 123456" and "+49 30 123456" are one number; a
 * national number is read as German); null when unparsable.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  return parsePhoneNumberFromString(phone, "DE")?.number ?? null;
}
