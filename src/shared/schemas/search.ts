import { z } from "zod";

export const SEARCH_TYPES = ["lead", "contact", "company", "deal", "user"] as const;
export const searchTypeSchema = z.enum(SEARCH_TYPES);
export type SearchType = z.infer<typeof searchTypeSchema>;

/** Shortest query the global search answers: one letter would match most of the database. */
export const SEARCH_MIN_LENGTH = 2;

export const globalSearchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(SEARCH_MIN_LENGTH)
    .max(100)
    .describe("Search text, at least 2 characters; case, accents and German spellings (ö/oe, ß/ss) folded"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(25)
    .describe("Hits in all, at most 50; each type gives at most a fifth of them (rounded up)"),
});
export type GlobalSearchQuery = z.infer<typeof globalSearchQuery>;

export const searchHitSchema = z.object({
  type: searchTypeSchema,
  id: z.uuid(),
  title: z.string().describe("The record's name (a lead's or contact's full name, a deal's title)"),
  subtitle: z
    .string()
    .nullable()
    .describe("Context: company and email of a lead, job title and email of a contact, a deal's stage…"),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const globalSearchResponse = z.object({
  data: z
    .array(searchHitSchema)
    .describe(
      "One ranked list: exact and word-start matches before matches inside a word, then newest first",
    ),
});
