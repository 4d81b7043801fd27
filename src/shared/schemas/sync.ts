import { z } from "zod";
import { idSchema, listResponse } from "./common";

/**
 * `updatedSince` on the lists of leads, contacts, companies, deals and activities (issue #22): the
 * list turns into the change feed of that entity.
 */
export const updatedSinceParam = z
  .string()
  .min(1)
  .max(500)
  .optional()
  .describe(
    "Sync: the changes since this ISO 8601 time, or since the nextCursor of the previous sync page. " +
      "Answers { data, nextCursor, hasMore }: data holds, in change order, each changed record as the " +
      "list shows it, or { id, deleted: true, mergedInto? } for one deleted, merged away or no longer " +
      "visible. Keep nextCursor and ask again with it (at once while hasMore). Only limit combines with it.",
  );

/** A list page's largest `limit`; a sync page (`updatedSince`) may ask for up to `SYNC_PAGE_MAX`. */
export const LIST_PAGE_MAX = 200;
/** A sync page's largest `limit` (issue #22: a mirror pages 1,000 changes a request). */
export const SYNC_PAGE_MAX = 1000;

/**
 * `limit` of the five lists that double as change feeds: up to 1,000 for a sync page; a plain list
 * page stays at 200 (checked by the route, `asListQuery`: a refinement here would stop the export
 * routes from `.omit()`ting these queries).
 */
export const syncableLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(SYNC_PAGE_MAX)
  .default(50)
  .describe("Page size: at most 200, or at most 1,000 with updatedSince (a sync page)");

/** A record that was deleted, merged into another (`mergedInto`), or left the caller's view. */
export const tombstoneSchema = z.object({
  id: idSchema,
  deleted: z.literal(true),
  mergedInto: idSchema.optional().describe("The record it was merged into"),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

/** A page of the change feed: records and tombstones, the position to continue from, and whether more wait. */
export const syncPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(z.union([item, tombstoneSchema])),
    nextCursor: z.string().describe("Pass as updatedSince to continue; kept by the client between runs"),
    hasMore: z.boolean().describe("More changes wait: ask again at once"),
  });

/**
 * The 200 answer of a list that doubles as a change feed, so that the OpenAPI document and the
 * clients generated from it type both: the list page, or with `updatedSince` the sync page.
 */
export const listOrSyncPage = <T extends z.ZodType>(item: T) =>
  z
    .union([
      listResponse(item).describe("Without updatedSince: a list page (nextCursor null on the last page)"),
      syncPageSchema(item).describe(
        "With updatedSince: a sync page. data holds, in change order, each changed record as the list shows it, or a tombstone { id, deleted: true, mergedInto? } for one deleted, merged away or no longer visible; continue with nextCursor (at once while hasMore)",
      ),
    ])
    .describe("A list page, or with updatedSince a sync page of the change feed");

/** `externalId` in a create or change body: the record's id in the caller's system (null clears it). */
export const externalIdInput = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .nullish()
  .describe("The record's id in your system: unique per entity, the upsert key of /batch; null clears it");
/** `externalId` as answered. */
export const externalIdOutput = z.string().nullable().describe("The record's id in the integrator's system");
/** The `externalId=` list filter. */
export const externalIdFilter = z
  .string()
  .min(1)
  .max(255)
  .optional()
  .describe("Only the record with this externalId");
