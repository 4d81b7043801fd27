import type { MessageKey } from "@shared/message-codes";
import type { CustomFieldDefinition } from "@shared/schemas/custom-field";
import { isPossiblePhoneNumber } from "libphonenumber-js";
import { z } from "zod";

/** A custom value as stored in a record's `custom_fields` (jsonb). */
export type CustomFieldValue = string | number | boolean | string[] | { amount: string; currency: string };
export type CustomFieldValues = Record<string, CustomFieldValue>;

export interface CustomFieldProblem {
  /** `customFields.<key>`, as the API names the field. */
  path: string;
  key: Extract<
    MessageKey,
    | "unknown_field"
    | "required"
    | "too_long"
    | "email_invalid"
    | "phone_invalid"
    | "website_invalid"
    | "amount_invalid"
    | "currency_invalid"
    | "cf_text_invalid"
    | "cf_number_invalid"
    | "cf_date_invalid"
    | "cf_choice_invalid"
    | "cf_checkbox_invalid"
    | "cf_user_invalid"
  >;
  count?: number;
}

const MAX_TEXT = { text: 500, long_text: 10_000 } as const;
const AMOUNT = /^-?\d{1,12}(\.\d{1,2})?$/;
const isDay = (v: string) => z.iso.date().safeParse(v).success && new Date(v).getUTCFullYear() >= 1;
const isEmail = (v: string) => v.length <= 254 && z.email().safeParse(v).success;
const isUuid = (v: string) => z.uuid().safeParse(v).success;

function isWebAddress(v: string): boolean {
  try {
    const url = new URL(v);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

type Outcome = { value: CustomFieldValue | null } | { problem: CustomFieldProblem["key"]; count?: number };

/** One value against its definition: the value to store (null: none), or why it cannot be stored. */
export function checkCustomFieldValue(def: CustomFieldDefinition, raw: unknown): Outcome {
  if (raw === null || raw === undefined) return { value: null };
  const choices = new Set(def.options.map((o) => o.value));
  switch (def.type) {
    case "text":
    case "long_text": {
      if (typeof raw !== "string") return { problem: "cf_text_invalid" };
      const value = raw.trim();
      if (value.length > MAX_TEXT[def.type]) return { problem: "too_long", count: MAX_TEXT[def.type] };
      return { value: value || null };
    }
    case "number":
      return typeof raw === "number" && Number.isFinite(raw) && Math.abs(raw) < 1e15
        ? { value: raw }
        : { problem: "cf_number_invalid" };
    case "money": {
      if (typeof raw !== "object" || Array.isArray(raw)) return { problem: "amount_invalid" };
      const { amount, currency = "EUR", ...rest } = raw as Record<string, unknown>;
      if (Object.keys(rest).length > 0 || typeof amount !== "string" || !AMOUNT.test(amount))
        return { problem: "amount_invalid" };
      if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))
        return { problem: "currency_invalid" };
      return { value: { amount, currency } };
    }
    case "date":
      return typeof raw === "string" && isDay(raw) ? { value: raw } : { problem: "cf_date_invalid" };
    case "choice":
      if (raw === "") return { value: null };
      return typeof raw === "string" && choices.has(raw) ? { value: raw } : { problem: "cf_choice_invalid" };
    case "multi_choice": {
      if (!Array.isArray(raw) || !raw.every((v) => typeof v === "string" && choices.has(v)))
        return { problem: "cf_choice_invalid" };
      const value = [...new Set(raw as string[])];
      return { value: value.length > 0 ? value : null };
    }
    case "checkbox":
      return typeof raw === "boolean" ? { value: raw } : { problem: "cf_checkbox_invalid" };
    case "url": {
      if (typeof raw !== "string" || raw.length > 300) return { problem: "website_invalid" };
      const trimmed = raw.trim();
      if (!trimmed) return { value: null };
      const value = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
      return isWebAddress(value) ? { value } : { problem: "website_invalid" };
    }
    case "email": {
      if (typeof raw !== "string") return { problem: "email_invalid" };
      const value = raw.trim();
      if (!value) return { value: null };
      return isEmail(value) ? { value } : { problem: "email_invalid" };
    }
    case "phone": {
      if (typeof raw !== "string" || raw.length > 50) return { problem: "phone_invalid" };
      const value = raw.trim();
      if (!value) return { value: null };
      return isPossiblePhoneNumber(value, "DE") ? { value } : { problem: "phone_invalid" };
    }
    case "user":
      if (raw === "") return { value: null };
      return typeof raw === "string" && isUuid(raw) ? { value: raw } : { problem: "cf_user_invalid" };
    default: {
      const never: never = def.type;
      return never;
    }
  }
}

/**
 * The values a record keeps after a write: `current` with `input` applied (null clears a key), each
 * checked against the entity's definitions. Keys of deleted definitions in `current` stay untouched
 * (kept until an admin purges them); in `input` they are unknown. A required field must have a value
 * when the record is created, and cannot be cleared later.
 */
export function checkCustomFieldValues(
  definitions: readonly CustomFieldDefinition[],
  input: Record<string, unknown> | undefined,
  options: { current?: Record<string, unknown> | null; creating: boolean },
): { ok: true; values: Record<string, unknown> } | { ok: false; problems: CustomFieldProblem[] } {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const values: Record<string, unknown> = { ...(options.current ?? {}) };
  const problems: CustomFieldProblem[] = [];
  for (const [key, raw] of Object.entries(input ?? {})) {
    const path = `customFields.${key}`;
    const def = byKey.get(key);
    // A value sent back as it was read (a deleted field's, kept until purged) is no change.
    if (!def && JSON.stringify(raw) === JSON.stringify(options.current?.[key])) continue;
    if (!def) {
      problems.push({ path, key: "unknown_field" });
      continue;
    }
    const outcome = checkCustomFieldValue(def, raw);
    if ("problem" in outcome) {
      problems.push({ path, key: outcome.problem, ...(outcome.count ? { count: outcome.count } : {}) });
    } else if (outcome.value === null) {
      delete values[key];
      if (def.required && (options.creating || key in (options.current ?? {})))
        problems.push({ path, key: "required" });
    } else values[key] = outcome.value;
  }
  if (options.creating) {
    for (const def of definitions) {
      if (def.required && !(def.key in values) && !(def.key in (input ?? {})))
        problems.push({ path: `customFields.${def.key}`, key: "required" });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** The user ids among the values (checked against the users table by the server). */
export function userIdsOf(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
): { key: string; id: string }[] {
  return definitions
    .filter((d) => d.type === "user" && typeof values[d.key] === "string")
    .map((d) => ({ key: d.key, id: values[d.key] as string }));
}

/**
 * The values of one record that another entity's fields can take (the lead's on conversion): those
 * under a key the target defines whose value that field accepts as it is (a compatible type: text and
 * long text, a choice the target offers, …). Others are left behind on the source.
 */
export function carriedCustomValues(
  values: Record<string, unknown>,
  target: readonly CustomFieldDefinition[],
): CustomFieldValues {
  const carried: CustomFieldValues = {};
  for (const def of target) {
    if (!(def.key in values)) continue;
    const outcome = checkCustomFieldValue(def, values[def.key]);
    if ("value" in outcome && outcome.value !== null) carried[def.key] = outcome.value;
  }
  return carried;
}
