import { z } from "zod";
import { idSchema } from "./common";
import { scoreRuleSchema } from "./lead";

export const appSettingsSchema = z.strictObject({
  sqlRequiresBant: z.boolean().describe("Reaching lifecycle stage SQL requires all four BANT criteria met"),
  leadScoreRules: z.array(scoreRuleSchema).max(100),
  roundRobin: z.strictObject({
    enabled: z.boolean(),
    teamIds: z
      .array(idSchema)
      .max(100)
      .describe("Teams whose new unowned leads are assigned in turn to active sales members"),
  }),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;
export const updateSettingsBody = appSettingsSchema.partial();
