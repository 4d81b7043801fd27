import { z } from "zod";
import { idSchema } from "./common";

export const vcardImportResult = z.object({
  imported: z.array(
    z.object({
      card: z.number().int().describe("1-based position in the file"),
      line: z.number().int(),
      id: idSchema,
      name: z.string(),
    }),
  ),
  failed: z.array(
    z.object({
      card: z.number().int().describe("1-based position in the file"),
      line: z.number().int().describe("Line of the card's BEGIN:VCARD"),
      name: z.string().nullable().describe("The card's name, when it has one"),
      errors: z.array(
        z.object({
          line: z.number().int().describe("Line of the offending property"),
          path: z.string(),
          message: z.string(),
        }),
      ),
    }),
  ),
  warnings: z
    .array(z.object({ card: z.number().int(), line: z.number().int(), message: z.string() }))
    .describe("Imported, but something was left out (e.g. an organisation with no matching company)"),
});
export type VcardImportResult = z.infer<typeof vcardImportResult>;
