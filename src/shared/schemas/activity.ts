import { ACTIVITY_TYPES, type ActivityType } from "@domain/activities/activity-type";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { activityAbilitiesSchema } from "./abilities";
import { csv, idSchema, idsFilter, isoDateTime, listQuery, versionField } from "./common";
import { optionalText } from "./fields";
import { fieldsDescription } from "./sparse-fields";
import {
  externalIdFilter,
  externalIdInput,
  externalIdOutput,
  syncableLimit,
  updatedSinceParam,
} from "./sync";

export type { ActivityType };
export { ACTIVITY_TYPES };
export const activityTypeSchema = z.enum(ACTIVITY_TYPES);

const links = {
  leadId: idSchema.nullish(),
  contactId: idSchema.nullish(),
  companyId: idSchema.nullish(),
  dealId: idSchema.nullish(),
};

const participants = {
  participantUserIds: z
    .array(idSchema)
    .max(50)
    .optional()
    .describe("Users taking part (besides the owner); on update replaces the list"),
  participantContactIds: z
    .array(idSchema)
    .max(50)
    .optional()
    .describe("Contacts taking part; on update replaces the list"),
};

export const createActivityBody = z
  .strictObject({
    type: activityTypeSchema,
    subject: z.string().trim().min(1).max(300),
    body: optionalText(20_000).describe("Plain text or Markdown; rendered safely (no raw HTML)"),
    dueAt: isoDateTime.nullish().describe("When a task is due"),
    startsAt: isoDateTime.nullish().describe("When a meeting or call starts"),
    endsAt: isoDateTime.nullish(),
    done: z
      .boolean()
      .optional()
      .describe("Defaults to true for notes, emails and calls without a time ahead"),
    ownerId: idSchema.nullish().describe("Defaults to the caller"),
    externalId: externalIdInput,
    ...links,
    ...participants,
  })
  .refine((v) => v.leadId || v.contactId || v.companyId || v.dealId, {
    path: ["leadId"],
    message: msg("activity_link_required"),
  })
  .refine((v) => !v.startsAt || !v.endsAt || v.endsAt >= v.startsAt, {
    path: ["endsAt"],
    message: msg("ends_before_start"),
  });

export const updateActivityBody = z.strictObject({
  subject: z.string().trim().min(1).max(300).optional(),
  body: optionalText(20_000),
  dueAt: isoDateTime.nullish(),
  startsAt: isoDateTime.nullish(),
  endsAt: isoDateTime.nullish(),
  done: z.boolean().optional(),
  ownerId: idSchema.optional(),
  externalId: externalIdInput,
  ...links,
  ...participants,
  version: versionField.optional(),
});

export const participantSchema = z
  .object({
    kind: z.enum(["user", "contact"]),
    id: idSchema,
    name: z
      .string()
      .describe(
        "The user's or contact's name; \"—\" for a contact you may not see (see `visible`) or one without a name",
      ),
    visible: z
      .boolean()
      .describe(
        "false: a contact you may not see (another team's); its name is withheld and GET /contacts/{id} answers 404. Users are always visible",
      ),
  })
  .describe("One participant of an activity");

export const activitySchema = z.object({
  id: idSchema,
  version: z.number().int(),
  type: activityTypeSchema,
  subject: z.string(),
  body: z.string().nullable(),
  dueAt: isoDateTime.nullable(),
  startsAt: isoDateTime.nullable(),
  endsAt: isoDateTime.nullable(),
  /** startsAt, else dueAt: when it happens. */
  occursAt: isoDateTime.nullable(),
  done: z.boolean(),
  doneAt: isoDateTime.nullable(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  teamId: idSchema.nullable(),
  leadId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  dealId: idSchema.nullable(),
  participants: z.array(participantSchema),
  externalId: externalIdOutput,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  abilities: activityAbilitiesSchema,
});
export type Activity = z.infer<typeof activitySchema>;
export type ActivityParticipant = z.infer<typeof participantSchema>;

/** A list item with the fields a client asked for (`fields=`); without `fields`, every field. */
export const activityListItemSchema = activitySchema.partial().required({ id: true, version: true });

export const activityListQuery = listQuery.omit({ q: true }).extend({
  limit: syncableLimit,
  updatedSince: updatedSinceParam,
  leadId: idSchema.optional(),
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  dealId: idSchema.optional(),
  mine: z.stringbool().optional().describe("Only activities the caller owns or takes part in"),
  ownerId: idSchema.optional(),
  ids: idsFilter,
  externalId: externalIdFilter,
  done: z.stringbool().optional(),
  type: z
    .preprocess(
      (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
      z.array(activityTypeSchema).max(5),
    )
    .optional()
    .describe("Comma-separated types, e.g. task,meeting"),
  from: isoDateTime.optional().describe("occursAt at or after this time"),
  to: isoDateTime.optional().describe("occursAt before this time"),
  sort: z
    .enum(["-createdAt", "occursAt"])
    .default("-createdAt")
    .describe("occursAt: soonest first, only activities with a time"),
  fields: csv(activitySchema.keyof()).describe(fieldsDescription("activity")),
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;
