import { FORMALITIES } from "@domain/contacts/letter-salutation";
import { BANT_STATES } from "@domain/leads/bant";
import { LEAD_PERSON_FIELDS } from "@domain/leads/lead-fields";
import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { EDITABLE_STATUSES, LEAD_STATUSES } from "@domain/leads/lead-status";
import { LIFECYCLE_STAGES } from "@domain/leads/lifecycle";
import { SCORE_FIELDS } from "@domain/leads/score";
import { FUNNEL_STEPS } from "@domain/reports/funnel";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { leadAbilitiesSchema } from "./abilities";
import { csv, idSchema, idsFilter, isoDateTime, isoDay, listQuery, versionField } from "./common";
import { customFieldsInput, customFieldsOutput } from "./custom-field";
import { customFieldParams, listSort } from "./custom-field-query";
import {
  moneyInputSchema,
  moneySchema,
  nonNegativeAmount,
  optionalText,
  phoneSchema,
  tagsSchema,
  websiteSchema,
} from "./fields";
import {
  externalIdFilter,
  externalIdInput,
  externalIdOutput,
  syncableLimit,
  updatedSinceParam,
} from "./sync";

export { LEAD_SOURCES };
export const leadStatusSchema = z.enum(LEAD_STATUSES);
export const lifecycleSchema = z.enum(LIFECYCLE_STAGES).describe("mal → mql → sal → sql");
export const leadSourceSchema = z.enum(LEAD_SOURCES);
const bantState = z.enum(BANT_STATES);

export const bantSchema = z.strictObject({
  budget: z.strictObject({
    state: bantState,
    amount: nonNegativeAmount("amount_invalid:budget").nullish(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, msg("currency_invalid"))
      .nullish(),
  }),
  authority: z.strictObject({ state: bantState, detail: optionalText(500) }),
  need: z.strictObject({ state: bantState, detail: optionalText(2000) }),
  timeline: z.strictObject({ state: bantState, date: isoDay.nullish() }),
});

/** The stored BANT as answered (no input transforms: response schemas are encoded, not parsed). */
const bantResponseSchema = z.object({
  budget: z.object({ state: bantState, amount: z.string().nullish(), currency: z.string().nullish() }),
  authority: z.object({ state: bantState, detail: z.string().nullish() }),
  need: z.object({ state: bantState, detail: z.string().nullish() }),
  timeline: z.object({ state: bantState, date: z.string().nullish() }),
});

export const scoreReasonSchema = z.object({
  ruleId: z.string(),
  kind: z.enum(["source", "bant", "field_present", "recent_activity", "lifecycle"]),
  subject: z.string(),
  points: z.number().int(),
});

/** Person and interest fields shared by create and update. */
const leadFields = {
  externalId: externalIdInput,
  source: leadSourceSchema,
  sourceDetail: optionalText(200),
  salutation: optionalText(40),
  title: optionalText(60).describe("Academic title, e.g. Dr."),
  formality: z.enum(FORMALITIES).optional().describe("Sie (formal, the default) or Du (informal)"),
  firstName: optionalText(100),
  lastName: optionalText(100),
  companyName: optionalText(200),
  jobTitle: optionalText(150),
  department: optionalText(150),
  email: z.email(msg("email_invalid")).max(254).nullish(),
  phone: phoneSchema,
  mobile: phoneSchema,
  website: websiteSchema,
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: optionalText(100),
  interest: optionalText(5000),
  estimatedValue: moneyInputSchema.nullish(),
  ownerId: idSchema.nullish(),
  teamId: idSchema.nullish().describe("Defaults to the creator's team"),
  contactId: idSchema.nullish().describe("An existing contact this lead is about"),
  companyId: idSchema.nullish().describe("An existing company this lead is about"),
  bant: bantSchema.optional(),
  tags: tagsSchema.optional(),
  customFields: customFieldsInput,
  lifecycleStage: lifecycleSchema.optional(),
};

const hasWho = (v: {
  lastName?: unknown;
  companyName?: unknown;
  email?: unknown;
  phone?: unknown;
  mobile?: unknown;
  contactId?: unknown;
  companyId?: unknown;
}) => Boolean(v.lastName || v.companyName || v.email || v.phone || v.mobile || v.contactId || v.companyId);

export const createLeadBody = z
  .strictObject({ ...leadFields, source: leadSourceSchema.default("manual") })
  .refine(hasWho, {
    path: ["lastName"],
    message: msg("lead_who_required"),
  });

export const updateLeadBody = z
  .strictObject(leadFields)
  .partial()
  .extend({
    status: leadStatusSchema.optional().describe("`converted` only via the conversion (422 here)"),
    deadReason: optionalText(500).describe("Required when closing (status dead)"),
    lifecycleReason: optionalText(500).describe("Required when moving the lifecycle stage back"),
    version: versionField.optional(),
  });
export type UpdateLeadInput = z.infer<typeof updateLeadBody>;
export type CreateLeadInput = z.infer<typeof createLeadBody>;

/** Text fields as answered: the stored text or null. */
const texts = <const K extends string>(names: readonly K[]) =>
  Object.fromEntries(names.map((name) => [name, z.string().nullable()])) as Record<
    K,
    z.ZodNullable<z.ZodString>
  >;

export const leadSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  externalId: externalIdOutput,
  status: leadStatusSchema,
  lifecycleStage: lifecycleSchema,
  source: leadSourceSchema,
  sourceDetail: z.string().nullable(),
  ...texts(LEAD_PERSON_FIELDS),
  formality: z
    .enum(FORMALITIES)
    .describe("Sie (formal) or Du (informal); the conversion carries it to the contact"),
  interest: z.string().nullable(),
  estimatedValue: moneySchema.nullable(),
  ownerId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  bant: bantResponseSchema,
  bantQualified: z.boolean(),
  score: z.number().int(),
  scoreReasons: z.array(scoreReasonSchema),
  tags: z.array(z.string()),
  customFields: customFieldsOutput,
  lifecycleTimes: z.object({
    mal: isoDateTime.nullable(),
    mql: isoDateTime.nullable(),
    sal: isoDateTime.nullable(),
    sql: isoDateTime.nullable(),
  }),
  assignedAt: isoDateTime.nullable(),
  lastActivityAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  convertedAt: isoDateTime.nullable(),
  convertedContactId: idSchema.nullable(),
  convertedCompanyId: idSchema.nullable(),
  convertedDealId: idSchema.nullable(),
  deadReason: z.string().nullable(),
  abilities: leadAbilitiesSchema,
});
export type Lead = z.infer<typeof leadSchema>;
export type LeadField = keyof Lead;
/** The fields of a lead in the API shape's order. */
export const LEAD_FIELDS = leadSchema.keyof().options;
/**
 * A list item with the fields a client asked for (`fields=`); id and version always come along. Without
 * `fields`, every field.
 */
export const leadListItemSchema = leadSchema.partial().required({ id: true, version: true });
export type LeadListItem = z.infer<typeof leadListItemSchema>;

export const LEAD_SORTS = [
  "createdAt",
  "updatedAt",
  "score",
  "estimatedValue",
  "name",
  "companyName",
] as const;
export const leadListQuery = listQuery.extend({
  limit: syncableLimit,
  updatedSince: updatedSinceParam,
  externalId: externalIdFilter,
  sort: listSort(LEAD_SORTS)
    .default("-createdAt")
    .describe("Field to sort by (`cf.<key>` a custom field); a leading minus sorts descending"),
  cf: customFieldParams,
  status: csv(leadStatusSchema).describe("Comma-separated statuses"),
  lifecycleStage: csv(lifecycleSchema),
  source: csv(leadSourceSchema),
  sourceDetail: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("Leads with exactly this source detail (a form's name, a campaign, a mailbox)"),
  ownerId: csv(z.union([idSchema, z.literal("none")])).describe(
    "Comma-separated user ids; `none` for the unowned pool",
  ),
  teamId: csv(idSchema),
  mine: z.stringbool().optional().describe("Only leads owned by the caller"),
  deleted: z
    .stringbool()
    .optional()
    .describe("Admins only: the deleted leads instead of the live ones, to restore them"),
  tags: csv(z.string().min(1).max(50)).describe("Leads having any of these tags"),
  createdFrom: isoDateTime.optional(),
  createdTo: isoDateTime.optional(),
  bantQualified: z.stringbool().optional(),
  ids: idsFilter,
  contactId: idSchema.optional().describe("Leads about this contact"),
  companyId: idSchema.optional().describe("Leads about this company"),
  scoreMin: z.coerce.number().int().min(0).max(100).optional(),
  scoreMax: z.coerce.number().int().min(0).max(100).optional(),
  funnelStep: z
    .enum(FUNNEL_STEPS)
    .optional()
    .describe("Leads that reached this funnel step (mal … won), as GET /reports/funnel counts them"),
  fields: csv(leadSchema.keyof()).describe(
    "Comma-separated fields each lead of the page should carry (id and version always do); all when omitted",
  ),
});
export type LeadListQuery = z.infer<typeof leadListQuery>;

export const leadMatchSchema = z.object({
  kind: z.enum(["lead", "contact"]),
  id: idSchema,
  name: z.string(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  reason: z.enum(["email", "phone"]),
});
export const leadMatchQuery = z.strictObject({
  email: z.string().max(254).optional(),
  phone: z.string().max(50).optional(),
  mobile: z.string().max(50).optional(),
  excludeId: idSchema.optional(),
});

export const bulkLeadBody = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("assign"),
    ids: z.array(idSchema).min(1).max(500),
    ownerId: idSchema.nullable(),
  }),
  z.strictObject({
    action: z.literal("status"),
    ids: z.array(idSchema).min(1).max(500),
    status: z.enum(EDITABLE_STATUSES),
    deadReason: optionalText(500),
  }),
  z.strictObject({
    action: z.literal("tag"),
    ids: z.array(idSchema).min(1).max(500),
    add: tagsSchema.default([]),
    remove: tagsSchema.default([]),
  }),
  z.strictObject({ action: z.literal("delete"), ids: z.array(idSchema).min(1).max(500) }),
]);
export const bulkResultSchema = z.object({
  updated: z.array(idSchema),
  skipped: z.array(
    z.object({
      id: idSchema,
      reason: z.string().describe("English; the UI words it from `code`"),
      code: z.string().optional().describe("Stable code of the reason (src/shared/message-codes.ts)"),
      params: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .optional()
        .describe('Values in the reason, e.g. { from: "new", to: "dead" }'),
    }),
  ),
});

export const scoreRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    id: z.string().min(1).max(60),
    kind: z.literal("source"),
    source: leadSourceSchema,
    points: z.number().int().min(-100).max(100),
  }),
  z.strictObject({
    id: z.string().min(1).max(60),
    kind: z.literal("bant"),
    criterion: z.enum(["budget", "authority", "need", "timeline"]),
    points: z.number().int().min(-100).max(100),
  }),
  z.strictObject({
    id: z.string().min(1).max(60),
    kind: z.literal("field_present"),
    field: z.enum(SCORE_FIELDS),
    points: z.number().int().min(-100).max(100),
  }),
  z.strictObject({
    id: z.string().min(1).max(60),
    kind: z.literal("recent_activity"),
    withinDays: z.number().int().min(1).max(365),
    points: z.number().int().min(-100).max(100),
  }),
  z.strictObject({
    id: z.string().min(1).max(60),
    kind: z.literal("lifecycle"),
    stage: lifecycleSchema,
    points: z.number().int().min(-100).max(100),
  }),
]);
