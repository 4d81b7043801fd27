import { ruleViolation } from "@server/errors";
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, isValidIBAN } from "ibantools";
import { imageSize } from "image-size";
import { PNG } from "pngjs";

/** The logo's decoded size limit; a letterhead logo needs far less than this. */
export const LOGO_MAX_BYTES = 200 * 1024;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * A logo is accepted when its bytes are what the data URL claims: the PNG or JPEG signature, a header
 * image-size can read, and for PNG a full decode (pngjs): pdfkit inflates PNG pixels in a callback,
 * where a broken file could no longer be refused as a field error.
 */
export function checkLogo(dataUrl: string): void {
  const comma = dataUrl.indexOf(",");
  const declared = dataUrl.startsWith("data:image/png;") ? "png" : "jpg";
  const bytes = Buffer.from(dataUrl.slice(comma + 1), "base64");
  if (bytes.length > LOGO_MAX_BYTES)
    throw ruleViolation("logo_too_large", { max: LOGO_MAX_BYTES / 1024 }).at("logo");
  const magic = declared === "png" ? PNG_MAGIC : JPEG_MAGIC;
  if (bytes.length < 16 || !bytes.subarray(0, magic.length).equals(magic))
    throw ruleViolation("logo_invalid").at("logo");
  try {
    const size = imageSize(bytes);
    if (size.type !== declared || !size.width || !size.height) throw new Error("not the declared type");
    if (declared === "png") PNG.sync.read(bytes);
  } catch {
    throw ruleViolation("logo_invalid").at("logo");
  }
}

/** The IBAN in groups of four (as printed on letters), or a field error when its check digits fail. */
export function normaliseIban(iban: string): string {
  if (iban === "") return "";
  const electronic = electronicFormatIBAN(iban) ?? "";
  if (!isValidIBAN(electronic)) throw ruleViolation("iban_invalid").at("iban");
  return friendlyFormatIBAN(electronic) ?? electronic;
}

export function normaliseBic(bic: string): string {
  if (bic === "") return "";
  const upper = bic.replace(/\s+/g, "").toUpperCase();
  if (!isValidBIC(upper)) throw ruleViolation("bic_invalid").at("bic");
  return upper;
}
