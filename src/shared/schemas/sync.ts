import { z } from "zod";
import { idSchema } from "./common";

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
