import { ACTIVITY_TYPES } from "@domain/activities/activity-type";
import { z } from "zod";
import { idSchema, isoDateTime, listQuery, versionField } from "./common";
import { optionalText } from "./fields";

export { ACTIVITY_TYPES };
export const activityTypeSchema = z.enum(ACTIVITY_TYPES);

const links = {
  leadId: idSchema.nullish(),
  contactId: idSchema.nullish(),
  companyId: idSchema.nullish(),
  dealId: idSchema.nullish(),
};

export const createActivityBody = z
  .strictObject({
    type: activityTypeSchema,
    subject: z.string().trim().min(1).max(300),
    body: optionalText(20_000).describe("Plain text or Markdown; rendered safely"),
    dueAt: isoDateTime.nullish(),
    startsAt: isoDateTime.nullish(),
    endsAt: isoDateTime.nullish(),
    done: z.boolean().optional(),
    ownerId: idSchema.nullish().describe("Defaults to the caller"),
    ...links,
  })
  .refine((v) => v.leadId || v.contactId || v.companyId || v.dealId, {
    path: ["leadId"],
    message: "Link the activity to a lead, contact, company or deal",
  })
  .refine((v) => !v.startsAt || !v.endsAt || v.endsAt >= v.startsAt, {
    path: ["endsAt"],
    message: "Ends before it starts",
  });

export const updateActivityBody = z.strictObject({
  subject: z.string().trim().min(1).max(300).optional(),
  body: optionalText(20_000),
  dueAt: isoDateTime.nullish(),
  startsAt: isoDateTime.nullish(),
  endsAt: isoDateTime.nullish(),
  done: z.boolean().optional(),
  version: versionField.optional(),
});

export const activitySchema = z.object({
  id: idSchema,
  version: z.number().int(),
  type: activityTypeSchema,
  subject: z.string(),
  body: z.string().nullable(),
  dueAt: isoDateTime.nullable(),
  startsAt: isoDateTime.nullable(),
  endsAt: isoDateTime.nullable(),
  done: z.boolean(),
  doneAt: isoDateTime.nullable(),
  ownerId: idSchema.nullable(),
  teamId: idSchema.nullable(),
  leadId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  companyId: idSchema.nullable(),
  dealId: idSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Activity = z.infer<typeof activitySchema>;

export const activityListQuery = listQuery.omit({ q: true }).extend({
  leadId: idSchema.optional(),
  contactId: idSchema.optional(),
  companyId: idSchema.optional(),
  dealId: idSchema.optional(),
  mine: z.stringbool().optional(),
  done: z.stringbool().optional(),
  type: activityTypeSchema.optional(),
});
