import { msg } from "@shared/message-codes";
import { isPossiblePhoneNumber } from "libphonenumber-js";
import { z } from "zod";

/** Optional free text: trimmed, empty becomes null, bounded (oversized input is refused, not cut). */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max, msg("too_long", { count: max }))
    .transform((v) => v.trim() || null)
    .nullish();

/** A phone number as typed; checked with libphonenumber (national numbers are read as German). */
export const phoneSchema = z
  .string()
  .max(50)
  .transform((v) => v.trim() || null)
  .refine((v) => v === null || isPossiblePhoneNumber(v, "DE"), msg("phone_invalid"))
  .nullish();

/** One phone number that must be there (an entry of a list); checked like `phoneSchema`. */
export const phoneValueSchema = z
  .string()
  .trim()
  .min(1, msg("required"))
  .max(50)
  .refine((v) => isPossiblePhoneNumber(v, "DE"), msg("phone_invalid"));

/** A postal address; every part optional and bounded like the lead's address fields. */
export const postalAddressFields = {
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
};
export const postalAddressResponse = z.object({
  street: z.string().nullish(),
  postalCode: z.string().nullish(),
  city: z.string().nullish(),
  country: z.string().nullish(),
});

/** A web address; a bare domain like example.com is accepted and stored with https://. */
export const websiteSchema = z
  .string()
  .max(300)
  .transform((v) => v.trim() || null)
  .transform((v) => (v && !/^https?:\/\//i.test(v) ? `https://${v}` : v))
  .refine((v) => {
    if (v === null) return true;
    try {
      return new URL(v).hostname.includes(".");
    } catch {
      return false;
    }
  }, msg("website_invalid"))
  .nullish();

const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, msg("currency_invalid"))
  .default("EUR");

/** Money as in API.md: a decimal string and an ISO currency. */
export const moneySchema = z.strictObject({
  amount: z.string().regex(/^-?\d{1,12}(\.\d{1,2})?$/, msg("amount_invalid")),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

/**
 * A decimal amount a client sends: never negative (a lead's value, a deal's amount and a budget are
 * worth something or are unknown), refused by name rather than stored or clamped to 0 (issue #15).
 */
export const nonNegativeAmount = (example: "amount_invalid" | "amount_invalid:budget") =>
  z
    .string()
    .regex(/^-?\d{1,12}(\.\d{1,2})?$/, { message: msg(example), abort: true })
    .refine((amount) => !amount.startsWith("-"), msg("amount_negative"));

/** Money in a request body: as `moneySchema`, but not below zero. */
export const moneyInputSchema = z.strictObject({
  amount: nonNegativeAmount("amount_invalid"),
  currency: currencySchema,
});

export const tagsSchema = z
  .array(z.string().trim().min(1).max(50))
  .max(30)
  .transform((tags) => [...new Set(tags)]);
