import { z } from "zod";
import { idSchema, isoDateTime } from "./common";
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

/** Whether the lead scores follow the current rules: the recalculation a rules change starts. */
export const scoreRecalculationSchema = z.object({
  state: z
    .enum(["idle", "queued", "running", "done", "failed"])
    .describe("idle: never recalculated; queued/running: under way; done: every lead follows the rules"),
  done: z.number().int().describe("Leads recalculated so far"),
  total: z.number().int().nullable().describe("Leads to recalculate (known once running)"),
  queuedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type ScoreRecalculation = z.infer<typeof scoreRecalculationSchema>;
