/**
 * Pipelines, stages, deals and the board: the contract between the deals module (server) and the
 * board UI. Response schemas carry no transforms (responses are encoded, not parsed).
 */

import { BANT_STATES } from "@domain/leads/bant";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { dealAbilitiesSchema } from "./abilities";
import { csv, idSchema, isoDateTime, isoDay, listQuery, recordListFilters, versionField } from "./common";
import { DEAL_STATUSES } from "./company-file";
import { customFieldsInput, customFieldsOutput } from "./custom-field";
import { customFieldParams, listSort } from "./custom-field-query";
import { moneyInputSchema, moneySchema, optionalText, tagsSchema } from "./fields";
import { fieldsDescription } from "./sparse-fields";
import {
  externalIdFilter,
  externalIdInput,
  externalIdOutput,
  syncableLimit,
  updatedSinceParam,
} from "./sync";

export { DEAL_STATUSES };
export const dealStatusSchema = z.enum(DEAL_STATUSES);
const probabilitySchema = z.number().int().min(0).max(100);
const rottingDaysSchema = z
  .number()
  .int()
  .min(1)
  .max(365)
  .nullish()
  .describe(
    "Days without activity before a card is flagged; null: never; omitted: an existing stage keeps its own",
  );

// --- pipelines and stages ------------------------------------------------------------------------

export const stageSchema = z.object({
  id: idSchema,
  name: z.string(),
  probability: z.number().int().describe("Default win probability of deals in this stage, 0–100"),
  position: z.number().int(),
  rottingDays: z.number().int().nullable(),
});
export type Stage = z.infer<typeof stageSchema>;

export const pipelineSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  name: z.string(),
  position: z.number().int(),
  isDefault: z.boolean(),
  stages: z.array(stageSchema).describe("Ordered by position"),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Pipeline = z.infer<typeof pipelineSchema>;

const stageInput = z.strictObject({
  id: idSchema.optional().describe("An existing stage of this pipeline; absent: a new stage"),
  name: z.string().trim().min(1).max(100),
  probability: probabilitySchema,
  rottingDays: rottingDaysSchema,
});

export const createPipelineBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  isDefault: z.boolean().optional(),
  stages: z
    .array(stageInput.omit({ id: true }))
    .min(1)
    .max(30),
});

/**
 * Replaces name and/or the ordered stage list. Stages left out are removed; if deals are in a removed
 * stage, `stageMoves` must say where each removed stage's deals go (422 with the stage named otherwise).
 */
export const updatePipelineBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  isDefault: z.boolean().optional(),
  stages: z.array(stageInput).min(1).max(30).optional(),
  stageMoves: z
    .array(z.strictObject({ fromStageId: idSchema, toStageId: idSchema }))
    .max(30)
    .optional()
    .describe("For each removed stage that holds deals: the remaining stage that receives them"),
  version: versionField.optional(),
});

// --- deals ---------------------------------------------------------------------------------------

export const dealContactSchema = z.object({
  contactId: idSchema,
  name: z.string(),
  isPrimary: z.boolean(),
});

const bantStateSchema = z.enum(BANT_STATES);

export const dealSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  externalId: externalIdOutput,
  title: z.string(),
  status: dealStatusSchema,
  pipelineId: idSchema,
  stageId: idSchema,
  position: z.number().describe("Order within the stage column, ascending"),
  amount: moneySchema.nullable(),
  probability: z
    .number()
    .int()
    .describe("Effective probability: 100 when won, 0 when lost, else the override, else the stage's"),
  probabilityOverride: z.number().int().nullable().describe("null: the stage's probability applies"),
  expectedCloseDate: z.string().nullable().describe("ISO date"),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  contacts: z.array(dealContactSchema).describe("Primary first"),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  teamId: idSchema.nullable(),
  sourceLeadId: idSchema.nullable(),
  sourceLeadBant: z
    .object({
      budget: bantStateSchema,
      authority: bantStateSchema,
      need: bantStateSchema,
      timeline: bantStateSchema,
    })
    .nullable()
    .describe("The BANT states of the lead the deal came from, for the card's indicator"),
  lostReason: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  stageEnteredAt: isoDateTime,
  daysInStage: z.number().int(),
  nextActivity: z
    .object({ id: idSchema, type: z.string(), subject: z.string(), at: isoDateTime.nullable() })
    .nullable()
    .describe("The earliest open activity of the deal"),
  lastActivityAt: isoDateTime.nullable(),
  rotting: z.boolean().describe("Open and no activity for longer than the stage's rotting days"),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: customFieldsOutput,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  abilities: dealAbilitiesSchema,
});
export type Deal = z.infer<typeof dealSchema>;

const dealContactsInput = z
  .array(z.strictObject({ contactId: idSchema, isPrimary: z.boolean().optional() }))
  .max(50)
  .refine((list) => list.filter((c) => c.isPrimary).length <= 1, msg("one_primary_contact"))
  .describe("The first is primary unless one says isPrimary");

export const createDealBody = z.strictObject({
  externalId: externalIdInput,
  title: z.string().trim().min(1).max(200),
  pipelineId: idSchema.optional().describe("Defaults to the default pipeline"),
  stageId: idSchema.optional().describe("Defaults to the pipeline's first stage"),
  amount: moneyInputSchema.nullish(),
  probability: probabilitySchema.nullish().describe("Overrides the stage's probability"),
  expectedCloseDate: isoDay.nullish(),
  companyId: idSchema.nullish(),
  contacts: dealContactsInput.optional(),
  ownerId: idSchema.nullish().describe("Defaults to the caller"),
  teamId: idSchema.optional().describe("Defaults to the owner's team"),
  description: optionalText(20_000),
  tags: tagsSchema.optional(),
  customFields: customFieldsInput,
});

export const updateDealBody = z.strictObject({
  externalId: externalIdInput,
  title: z.string().trim().min(1).max(200).optional(),
  amount: moneyInputSchema.nullish(),
  probability: probabilitySchema.nullish().describe("null: back to the stage's probability"),
  expectedCloseDate: isoDay.nullish(),
  companyId: idSchema.nullish(),
  contacts: dealContactsInput.optional(),
  ownerId: idSchema.nullish(),
  teamId: idSchema.optional(),
  description: optionalText(20_000),
  tags: tagsSchema.optional(),
  customFields: customFieldsInput,
  version: versionField.optional(),
});

/**
 * Moves a deal to a stage (of its pipeline) at a position: `position` is the 0-based index among the
 * cards of the target column the caller can see, or `afterDealId` names the card it lands after.
 */
export const moveDealBody = z.strictObject({
  stageId: idSchema,
  position: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("0-based index among the target column's cards the caller can see; default: the end"),
  afterDealId: idSchema
    .nullish()
    .describe(
      "Alternative to position, robust under board filters: the card it is dropped right after (null: the top)",
    ),
  version: versionField.optional(),
});

export const wonDealBody = z.strictObject({ version: versionField.optional() }).optional();
export const lostDealBody = z.strictObject({
  reason: z.string().trim().min(1, msg("reason_required")).max(200),
  version: versionField.optional(),
});
/** Reopens a won or lost deal (manager or admin). */
export const reopenDealBody = z.strictObject({ version: versionField.optional() }).optional();

/** A list item with the fields a client asked for (`fields=`); without `fields`, every field. */
export const dealListItemSchema = dealSchema.partial().required({ id: true, version: true });

export const DEAL_SORTS = ["createdAt", "updatedAt", "title", "amount", "expectedCloseDate"] as const;

export const dealListQuery = listQuery.extend({
  limit: syncableLimit,
  updatedSince: updatedSinceParam,
  externalId: externalIdFilter,
  sort: listSort(DEAL_SORTS)
    .default("-createdAt")
    .describe("A field, `-` for descending (`cf.<key>` a custom field)"),
  cf: customFieldParams,
  pipelineId: idSchema.optional(),
  stageId: csv(idSchema),
  status: csv(dealStatusSchema),
  companyId: idSchema.optional(),
  contactId: idSchema.optional(),
  closeFrom: isoDay.optional(),
  closeTo: isoDay.optional(),
  closedFrom: isoDateTime.optional().describe("Won or lost at or after this time (a report's link)"),
  closedTo: isoDateTime.optional().describe("Won or lost at or before this time"),
  ...recordListFilters,
  fields: csv(dealSchema.keyof()).describe(fieldsDescription("deal")),
});

/** Filters of the board (same meaning as in the list). */
export const boardQuery = z.strictObject({
  ownerId: recordListFilters.ownerId,
  mine: recordListFilters.mine,
  teamId: recordListFilters.teamId,
  closeFrom: isoDay.optional(),
  closeTo: isoDay.optional(),
  q: z.string().trim().max(200).optional(),
  perColumn: z.coerce.number().int().min(1).max(500).default(100).describe("Cards per column in this answer"),
});

export const boardColumnSchema = z.object({
  stage: stageSchema,
  deals: z.array(dealSchema).describe("The first `perColumn` open deals by position"),
  count: z.number().int().describe("All open deals of the column that match the filters"),
  sum: z.array(moneySchema).describe("Sum of amounts, one entry per currency"),
  weightedSum: z.array(moneySchema).describe("Sum of amount × probability, one entry per currency"),
  medianDaysInStage: z
    .number()
    .nullable()
    .describe("The stage's median finished stay in days (null with fewer than 3): a card past 1.5× is stuck"),
  nextCursor: z
    .string()
    .nullable()
    .describe("For GET /deals?stageId=…&status=open&cursor=… to page a column"),
});

export const boardSchema = z.object({
  pipeline: pipelineSchema,
  columns: z.array(boardColumnSchema),
});
export type Board = z.infer<typeof boardSchema>;

export const stageHistorySchema = z.object({
  stageId: idSchema,
  stageName: z.string(),
  enteredAt: isoDateTime,
  leftAt: isoDateTime.nullable(),
  movedBy: idSchema.nullable(),
});

export const lostReasonsSchema = z.object({ reasons: z.array(z.string()) });
export const lostReasonsBody = z.strictObject({
  reasons: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
});

// --- live events (GET /api/v1/events, text/event-stream) ------------------------------------------

/**
 * One server-sent event. Clients refetch what the event names; the payload carries ids only, so an
 * event never shows a record to someone who may not see it (the refetch goes through the permission check).
 */
export const liveEventSchema = z.object({
  type: z.enum([
    "deal.changed",
    "deal.deleted",
    "lead.changed",
    "pipeline.changed",
    "activity.changed",
    "notification.created",
    "user.changed",
  ]),
  id: idSchema.describe(
    "The record's id; for user.changed (your account's role, team or state changed) your user id",
  ),
  pipelineId: idSchema.nullish(),
  userId: idSchema.nullish().describe("For notification.created: the user it is for"),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

// --- batch ---------------------------------------------------------------------------------------

/** The most records one batch request takes (API.md "batch"). */
export const BATCH_MAX_RECORDS = 1000;

/** One record of a batch: with `id` a change of that deal (as PATCH), without one a new deal (as POST). */
export const batchDealRecord = z.union([updateDealBody.extend({ id: idSchema }), createDealBody]);

export const batchDealsBody = z.strictObject({
  records: z.array(batchDealRecord).min(1).max(BATCH_MAX_RECORDS),
  atomic: z
    .boolean()
    .optional()
    .describe(
      "true: all or nothing (the first refused record refuses the request with 422, its fields under `records.<index>`); false (default): each record on its own, refused ones reported in `results`",
    ),
});

export const batchResultSchema = z.object({
  results: z.array(
    z.object({
      index: z.number().int().describe("Position of the record in `records`"),
      status: z.enum(["created", "updated", "error"]),
      id: idSchema.optional(),
      errors: z
        .array(
          z.object({
            path: z.string().describe("The record's field, e.g. `stageId`; empty for the record as a whole"),
            message: z.string().describe("English; `code` names the sentence"),
            code: z.string().optional(),
          }),
        )
        .optional(),
    }),
  ),
});
export type BatchResult = z.infer<typeof batchResultSchema>;
