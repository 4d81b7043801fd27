import { z } from "zod";
import { activityTypeSchema, participantSchema } from "./activity";
import { idSchema, isoDateTime } from "./common";

export const timelineItemSchema = z.object({
  kind: z.enum(["history", "activity"]),
  id: z.string(),
  at: isoDateTime,
  actor: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** history: e.g. lead.created, lead.status_changed; activity: call, meeting, task, note, email */
  action: z.string(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  activity: z
    .object({
      id: idSchema,
      version: z.number().int(),
      type: z.string(),
      subject: z.string(),
      body: z.string().nullable(),
      dueAt: isoDateTime.nullable(),
      startsAt: isoDateTime.nullable(),
      endsAt: isoDateTime.nullable(),
      done: z.boolean(),
      participants: z.array(participantSchema).describe("Users and contacts taking part"),
    })
    .nullable(),
  /** Set when the item belongs to the lead this contact or deal was converted from. */
  viaLeadId: idSchema.nullable(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export const timelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(500).optional(),
  kind: z.enum(["history", "activity"]).optional().describe("Only history or only activities"),
  type: activityTypeSchema.optional().describe("Only activities of this type (no history)"),
});
export const timelineResponse = z.object({
  data: z.array(timelineItemSchema),
  nextCursor: z.string().nullable(),
});
