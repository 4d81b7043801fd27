import { z } from "zod";
import { activityTypeSchema } from "./activity";
import { idSchema, isoDateTime } from "./common";

export const NOTIFICATION_KINDS = ["due", "notice"] as const;

export const notificationSchema = z.object({
  id: idSchema,
  kind: z
    .enum(NOTIFICATION_KINDS)
    .describe(
      "due: a task fell due or a meeting or call is about to start; notice: a message to this user (see notice)",
    ),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
  /** A notice's sentence as a message code with its values (serverErrors.<code>) and where it leads. */
  notice: z
    .object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      link: z.string().describe("The app path it leads to, e.g. /settings/webhooks"),
    })
    .nullable(),
  activity: z
    .object({
      id: idSchema,
      type: activityTypeSchema,
      subject: z.string(),
      occursAt: isoDateTime.nullable(),
      done: z.boolean(),
      leadId: idSchema.nullable(),
      contactId: idSchema.nullable(),
      companyId: idSchema.nullable(),
      dealId: idSchema.nullable(),
    })
    .nullable(),
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
