import { WIN_MODEL_FIELDS } from "@domain/leads/win-model/win-features";
import { z } from "zod";
import { isoDateTime } from "./common";
import { leadSchema } from "./lead";

/** One feature's push on a lead's win probability, in log-odds against the average lead of the history. */
export const winFactorSchema = z.object({
  feature: z
    .string()
    .describe(
      "`<kind>:<subject>`: source:referral, bant:budget, reached:sql, days:mal_mql, activities, response_hours, field:email",
    ),
  effect: z.number().describe("Change in log-odds: positive raised the probability, negative lowered it"),
  value: z
    .number()
    .nullable()
    .describe("The lead's value: 1/0 for yes/no features, days, activities or hours otherwise"),
});

/** A lead's learned win probability (GET /leads/{id}); null while no model is published. */
export const winProbabilitySchema = z.object({
  probability: z.number().min(0).max(1).describe("Chance that this lead becomes a won deal (0–1)"),
  trainedAt: isoDateTime.describe("When the model was trained"),
  raising: z.array(winFactorSchema).describe("What raised it most, strongest first (at most three)"),
  lowering: z.array(winFactorSchema).describe("What lowered it most, strongest first (at most three)"),
});
export type WinProbability = z.infer<typeof winProbabilitySchema>;

/**
 * A lead as GET /leads/{id} answers it: the lead and, once a model is published, its win probability
 * (absent before, so the answer is then the lead exactly as every other endpoint gives it; lists leave it out).
 */
export const leadDetailSchema = leadSchema.extend({ winProbability: winProbabilitySchema.optional() });

export const winModelFieldSchema = z.enum(WIN_MODEL_FIELDS);

export const winCalibrationRowSchema = z.object({
  decile: z.number().int().min(1).max(10),
  count: z.number().int().describe("Held-out leads in this tenth"),
  predicted: z.number().describe("Their mean predicted probability"),
  observed: z.number().describe("The share of them that was won"),
});

export const winModelReportSchema = z.object({
  state: z
    .enum(["none", "published", "too_little_history", "no_signal"])
    .describe(
      "none: never trained; published: leads show the probability; too_little_history / no_signal: nothing published, the rule score stands alone",
    ),
  trainedAt: isoDateTime.nullable(),
  examples: z.number().int().describe("Finished leads found: won, and lost or disqualified"),
  won: z.number().int(),
  trainCount: z.number().int(),
  holdoutCount: z.number().int(),
  auc: z
    .number()
    .nullable()
    .describe("Area under the ROC curve on the held-out quarter (0.5 = chance, 1 = perfect)"),
  calibration: z.array(winCalibrationRowSchema),
  coefficients: z
    .array(z.object({ feature: z.string(), coefficient: z.number() }))
    .describe("Log-odds per standard deviation of each feature, largest effect first"),
  fields: z.array(winModelFieldSchema).describe("Lead fields the admin chose to add (their presence)"),
  minExamples: z.number().int().describe("Finished leads needed before a model is published"),
  minPerOutcome: z.number().int().describe("Won and not-won leads needed, each"),
  minAuc: z.number().describe("Held-out AUC a model needs to be published"),
  training: z.object({
    state: z.enum(["idle", "queued", "running", "done", "failed"]),
    queuedAt: isoDateTime.nullable(),
    finishedAt: isoDateTime.nullable(),
    nextRunAt: isoDateTime.nullable().describe("When the next nightly training is due"),
  }),
});
export type WinModelReport = z.infer<typeof winModelReportSchema>;

export const winModelFieldsBody = z.strictObject({
  fields: z
    .array(winModelFieldSchema)
    .max(WIN_MODEL_FIELDS.length)
    .describe("Lead fields whose presence the model weighs"),
});
