import { z } from "zod";
import { idSchema } from "./common";
import { tagsSchema } from "./fields";

const ids = z.array(idSchema).min(1).max(500);

/** Bulk work on contacts or companies (the leads have their own body with status changes). */
export const bulkRecordBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("assign"), ids, ownerId: idSchema.nullable() }),
  z.strictObject({
    action: z.literal("tag"),
    ids,
    add: tagsSchema.default([]),
    remove: tagsSchema.default([]),
  }),
  z.strictObject({ action: z.literal("delete"), ids }),
]);
export type BulkRecordInput = z.infer<typeof bulkRecordBody>;
