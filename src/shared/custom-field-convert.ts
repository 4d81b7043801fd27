import { checkCustomFieldValue } from "@shared/custom-field-values";
import { parseTypedDay } from "@shared/day-text";
import { readNumber } from "@shared/locale-number";
import type { CustomFieldDefinition } from "@shared/schemas/custom-field";

/**
 * A stored custom value converted to another type of its field (issue #20: "changing a type converts
 * or refuses"). Text that reads as the new type converts (numbers and days as German or machine
 * text, choices by key or label, Ja/Nein); a value that does not is refused, never dropped. The result
 * is checked as a write to the new definition would be.
 */
export function convertCustomValue(
  from: CustomFieldDefinition,
  to: CustomFieldDefinition,
  value: unknown,
): { value: unknown } | { refused: true } {
  const converted = convert(from, to, value);
  if (converted === undefined) return { refused: true };
  const checked = checkCustomFieldValue(to, converted);
  return "problem" in checked ? { refused: true } : { value: checked.value };
}

const YES = new Set(["ja", "yes", "true", "wahr", "x", "1"]);
const NO = new Set(["nein", "no", "false", "falsch", "0"]);

/** A value as text: choices by their German label, money with its currency, lists joined. */
function asText(from: CustomFieldDefinition, value: unknown): string | undefined {
  const label = (v: unknown) => from.options.find((o) => o.value === v)?.label.de ?? String(v);
  if (typeof value === "string") return from.type === "choice" ? label(value) : value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "Ja" : "Nein";
  if (Array.isArray(value)) return value.map(label).join(", ");
  if (value && typeof value === "object" && "amount" in value && "currency" in value)
    return `${String(value.amount)} ${String(value.currency)}`;
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (value && typeof value === "object" && "amount" in value) return Number(value.amount);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  // German first ("1.250" is twelve hundred and fifty here), then machine form ("12.5").
  const reading = readNumber(text, "de-DE", { maximumFractionDigits: 4 });
  if (reading.kind === "number") return reading.value;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function asChoice(to: CustomFieldDefinition, text: string): string | undefined {
  const folded = text.trim().toLowerCase();
  return to.options.find(
    (o) =>
      o.value.toLowerCase() === folded ||
      o.label.de.toLowerCase() === folded ||
      o.label.en.toLowerCase() === folded,
  )?.value;
}

function convert(from: CustomFieldDefinition, to: CustomFieldDefinition, value: unknown): unknown {
  switch (to.type) {
    case "text":
    case "long_text":
    case "url":
    case "email":
    case "phone":
      return asText(from, value);
    case "number":
      return asNumber(value);
    case "money": {
      const amount = asNumber(value);
      if (amount === undefined) return undefined;
      const currency =
        value && typeof value === "object" && "currency" in value ? String(value.currency) : "EUR";
      return { amount: amount.toFixed(2), currency };
    }
    case "date":
      return typeof value === "string"
        ? /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? value
          : (parseTypedDay(value, "de") ?? undefined)
        : undefined;
    case "choice": {
      if (Array.isArray(value)) return value.length === 1 ? asChoice(to, String(value[0])) : undefined;
      const text = from.type === "choice" ? value : asText(from, value);
      return typeof text === "string"
        ? (asChoice(to, text) ?? asChoice(to, asText(from, text) ?? ""))
        : undefined;
    }
    case "multi_choice": {
      const parts = Array.isArray(value)
        ? value.map(String)
        : from.type === "choice"
          ? [String(value)]
          : (asText(from, value) ?? "").split(/[,;]/).filter((p) => p.trim());
      const chosen = parts.map((p) => asChoice(to, p) ?? asChoice(to, asText(from, p) ?? ""));
      return chosen.every((c) => c !== undefined) ? chosen : undefined;
    }
    case "checkbox": {
      if (typeof value === "boolean") return value;
      const word = asText(from, value)?.trim().toLowerCase() ?? "";
      return YES.has(word) ? true : NO.has(word) ? false : undefined;
    }
    case "user":
      return from.type === "user" ? value : typeof value === "string" ? value.trim() : undefined;
    default:
      return to.type satisfies never;
  }
}
