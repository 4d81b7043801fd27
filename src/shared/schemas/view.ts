import { z } from "zod";
import { idSchema, isoDateTime } from "./common";

export const VIEW_ENTITIES = ["lead", "contact", "company", "deal", "activity"] as const;
export const savedViewSchema = z.object({
  id: idSchema,
  entity: z.enum(VIEW_ENTITIES),
  name: z.string(),
  filters: z.record(z.string(), z.unknown()).describe("The list's query parameters"),
  sort: z.string().nullable(),
  columns: z.array(z.string()).nullable(),
  createdAt: isoDateTime,
});
export type SavedView = z.infer<typeof savedViewSchema>;
export const createViewBody = z.strictObject({
  entity: z.enum(VIEW_ENTITIES),
  name: z.string().trim().min(1).max(80),
  filters: z.record(
    z.string(),
    z.union([z.string().max(2000), z.array(z.string().max(200)).max(50), z.boolean(), z.number()]),
  ),
  sort: z.string().max(60).nullish(),
  columns: z.array(z.string().max(60)).max(60).nullish(),
});
export const viewListQuery = z.strictObject({ entity: z.enum(VIEW_ENTITIES) });

/** Renames a view and/or replaces what it stores (e.g. "update with the current filters"). */
export const updateViewBody = createViewBody.omit({ entity: true }).partial();
