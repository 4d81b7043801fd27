/**
 * What may be converted (PRODUCT.md "Conversion"). A converted lead is final; a closed (`dead`) lead
 * must be reopened first: closing it recorded that there is no sale, so turning it into a deal without
 * reopening would hide that decision from the funnel and the status history. Deleted leads are not
 * visible to the conversion at all (404).
 */
export const CONVERSION_BLOCKERS = ["already_converted", "closed"] as const;
export type ConversionBlocker = (typeof CONVERSION_BLOCKERS)[number];

export function conversionBlocker(lead: { status: string }): ConversionBlocker | null {
  if (lead.status === "converted") return "already_converted";
  if (lead.status === "dead") return "closed";
  return null;
}

/**
 * Reason codes of the bulk conversion report: stable strings clients may switch on.
 * - `not_found`: no such lead, or not visible to the caller
 * - `already_converted`, `closed`: see `conversionBlocker`
 * - `missing_name`: a new contact needs a last name and the lead has none
 * - `invalid_data`: the lead's data does not make a valid contact, company or deal (e.g. a bad email)
 * - `not_allowed`: a permission or ownership rule refused a step
 * - `failed`: anything else; the lead is unchanged
 */
export const BULK_CONVERSION_REASONS = [
  "not_found",
  ...CONVERSION_BLOCKERS,
  "missing_name",
  "invalid_data",
  "not_allowed",
  "failed",
] as const;
export type BulkConversionReason = (typeof BULK_CONVERSION_REASONS)[number];
