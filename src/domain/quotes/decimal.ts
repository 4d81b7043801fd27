/**
 * Exact decimal arithmetic for money, quantities and percentages, on integers scaled by a power of ten
 * (BigInt), so no float ever touches an amount. Values travel as decimal strings (API.md: `"1234.50"`).
 */

/** `"12.5"` at scale 2 → 1250n. The caller has checked the format (zod); more digits than the scale are refused. */
export function toScaled(value: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError("not a decimal");
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > scale) throw new RangeError("too many decimals");
  const scaled = BigInt(whole + fraction.padEnd(scale, "0"));
  return sign === "-" ? -scaled : scaled;
}

/** 1250n at scale 2 → `"12.50"`. */
export function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}

/**
 * numerator / denominator rounded half away from zero: commercial rounding (kaufmännisches Runden,
 * DIN 1333), which is what German invoices use.
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** A decimal string without trailing zeros: `"19.00"` → `"19"`, `"7.50"` → `"7.5"`. */
export function trimDecimal(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}
