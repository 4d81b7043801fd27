import { INTAKE_CHANNELS, INTAKE_DECISIONS, REJECT_REASONS } from "@domain/intake/intake-types";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime } from "./common";

const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, msg("country_code_invalid"))
  .nullish();
const postal = z
  .string()
  .regex(/^\d{1,10}$/, msg("invalid"))
  .nullish();

export const routingRuleSchema = z
  .strictObject({
    teamId: idSchema,
    country: countryCode.describe("ISO 3166 alpha-2, e.g. DE"),
    postalFrom: postal.describe("First postal code of the range (digits)"),
    postalTo: postal.describe("Last postal code of the range (digits)"),
    enabled: z.boolean().default(true).describe("false: kept in the list but skipped when routing"),
  })
  .refine((r) => Boolean(r.country || r.postalFrom || r.postalTo), msg("routing_rule_empty"));

export const intakeSettingsSchema = z.strictObject({
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, msg("country_code_invalid"))
    .describe("Region a national phone number is read in"),
  duplicateWindowDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .describe("A submission of the same person and channel within this many days joins the open lead"),
  routingRules: z.array(routingRuleSchema).max(200).describe("Tried in order; the first match routes"),
  doubleOptInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72)
    .describe("Double opt-in: an unconfirmed submission is removed after this many hours"),
});
export type IntakeSettings = z.infer<typeof intakeSettingsSchema>;

export const intakeChannelSchema = z.enum(INTAKE_CHANNELS);
export const intakeDecisionSchema = z.enum(INTAKE_DECISIONS);

export const intakeEntrySchema = z.object({
  id: idSchema,
  channel: intakeChannelSchema,
  decision: intakeDecisionSchema,
  reason: z.enum(REJECT_REASONS).nullish(),
  reasonFields: z.array(z.string()).nullish().describe("For invalid submissions: the fields at fault"),
  leadId: idSchema.nullish(),
  leadName: z.string().nullish(),
  contactId: idSchema.nullish(),
  companyId: idSchema.nullish(),
  formId: idSchema.nullish(),
  sourceDetail: z.string().nullish(),
  receivedAt: isoDateTime,
});
export type IntakeEntry = z.infer<typeof intakeEntrySchema>;

export const intakeListQuerySchema = z.strictObject({
  decision: intakeDecisionSchema.optional(),
  channel: intakeChannelSchema.optional(),
  formId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const intakeListSchema = z.object({
  data: z.array(intakeEntrySchema),
  nextCursor: z.string().nullable(),
});
