import { z } from "zod";
import { activityTypeSchema } from "./activity";
import { idSchema, isoDateTime } from "./common";

export const NOTIFICATION_KINDS = ["due"] as const;

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(NOTIFICATION_KINDS).describe("due: a task fell due or a meeting or call is about to start"),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
  activity: z.object({
    id: idSchema,
    type: activityTypeSchema,
    subject: z.string(),
    occursAt: isoDateTime.nullable(),
    done: z.boolean(),
    leadId: idSchema.nullable(),
    contactId: idSchema.nullable(),
    companyId: idSchema.nullable(),
    dealId: idSchema.nullable(),
  }),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: z.stringbool().optional().describe("Only unread ones"),
});

export const notificationListResponse = z.object({
  data: z.array(notificationSchema),
  unreadCount: z.number().int(),
});
