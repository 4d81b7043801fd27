import { msg } from "@shared/message-codes";
import { z } from "zod";

export const idSchema = z.uuid().describe("Record id (UUID)");
export const idParams = z.strictObject({ id: idSchema });
/**
 * PostgreSQL has no year 0 (1 BC is "0001 BC"), so "0000-…" failed in the database with a 500 instead
 * of here (issue 14, crafted input).
 */
const fromYearOne = (value: string) => new Date(value).getUTCFullYear() >= 1;
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine(fromYearOne)
  .describe("ISO 8601 time in UTC");
export const isoDay = z.iso.date().refine(fromYearOne).describe("ISO 8601 date (YYYY-MM-DD)");

export const ROLES = ["admin", "manager", "sales", "marketing"] as const;
export const roleSchema = z
  .enum(ROLES)
  .describe("admin and manager see everything; sales and marketing their team's and own records");
export type Role = z.infer<typeof roleSchema>;

export const LOCALES = ["de", "en"] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Trimmed, non-empty single-line text with an upper bound (oversized strings are refused, not cut). */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const emailSchema = z
  .email()
  .max(254)
  .transform((v) => v.trim().toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, msg("password_too_short"))
  .max(200)
  .describe("At least 10 characters; write-only");

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("Page size, at most 200"),
  cursor: z.string().max(500).optional().describe("nextCursor of the previous page"),
  q: z.string().trim().max(200).optional().describe("Search text"),
});

/** A list filter given as comma-separated values (`status=new,assigned`), at most 50. */
export const csv = <T extends z.ZodType>(item: T) =>
  z
    .preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(50))
    .optional();

/** Selected records (`ids=a,b,c`), e.g. to export only the rows ticked in a list; at most 500. */
export const idsFilter = z
  .preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(idSchema).max(500))
  .optional()
  .describe("Comma-separated record ids: only these (the selected rows), at most 500");

/** Filters every CRM record list offers (owner, team, tags, creation time, selected ids). */
export const recordListFilters = {
  ids: idsFilter,
  ownerId: csv(z.union([idSchema, z.literal("none")])).describe(
    "Comma-separated user ids; `none` for records without owner",
  ),
  mine: z.stringbool().optional().describe("Only records owned by the caller"),
  teamId: csv(idSchema).describe("Comma-separated team ids"),
  tags: csv(z.string().min(1).max(50)).describe("Records having any of these tags"),
  createdFrom: isoDateTime.optional(),
  createdTo: isoDateTime.optional(),
};

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });
/** A page of a list answer (`listResponse`), for clients that read one. */
export type Page<T> = Omit<z.infer<ReturnType<typeof listResponse>>, "data"> & { data: T[] };

export const versionField = z
  .number()
  .int()
  .min(1)
  .describe("The version read; 409 when the record changed since");

const messageParams = z.record(z.string(), z.union([z.string(), z.number()]));
/** Values in a server sentence, e.g. `{ count: 200 }` (src/shared/message-codes.ts). */
export type MessageParams = z.infer<typeof messageParams>;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe("English, for people reading the answer; `code` names the sentence"),
    code: z
      .string()
      .optional()
      .describe(
        "Extension member: stable code of the `detail` sentence (e.g. record_changed, sql_needs_bant, login_failed), for clients that word it themselves; absent when the sentence has none",
      ),
    params: messageParams
      .optional()
      .describe('Extension member: the values in `detail`, e.g. { record: "lead" }'),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().describe("Stable code of the message, e.g. phone_invalid, too_long"),
          params: messageParams.optional().describe("Values of the message, e.g. { count: 200 }"),
        }),
      )
      .optional(),
  })
  .describe("application/problem+json (RFC 9457) with the extension members `code` and `params`");
export type Problem = z.infer<typeof problemSchema>;
