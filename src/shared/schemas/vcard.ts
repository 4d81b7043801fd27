import { z } from "zod";
import { idSchema } from "./common";

/** The code of a sentence and its values (src/shared/message-codes.ts), so the UI can word it itself. */
const coded = {
  code: z.string().optional().describe("Stable code of the message"),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
};

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
          ...coded,
        }),
      ),
    }),
  ),
  warnings: z
    .array(z.object({ card: z.number().int(), line: z.number().int(), message: z.string(), ...coded }))
    .describe("Imported, but something was left out (e.g. an organisation with no matching company)"),
});
export type VcardImportResult = z.infer<typeof vcardImportResult>;
