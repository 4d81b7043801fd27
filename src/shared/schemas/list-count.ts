import { z } from "zod";

/** `GET /api/v1/<things>/count`: the total of a list under the same filters and permission gate. */
export const listCountSchema = z.object({
  count: z.number().int().min(0).describe("How many records the list holds for these filters"),
  exact: z
    .boolean()
    .describe("False when the list is large and the count is the database's estimate (show it as such)"),
});

export type ListCount = z.infer<typeof listCountSchema>;
