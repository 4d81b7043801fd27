import { z } from "zod";
import { activityTypeSchema } from "./activity";
import { idSchema, isoDateTime } from "./common";
import { timeZoneSchema } from "./report";

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

/** The reader's zone decides where "today" ends for the due work. */
export const dueWorkQuery = z.strictObject({
  timeZone: timeZoneSchema.default("Europe/Berlin"),
});

export const notificationListQuery = dueWorkQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: z.stringbool().optional().describe("Only unread ones"),
});

export const dueWorkSchema = z
  .object({
    id: idSchema,
    type: activityTypeSchema,
    subject: z.string(),
    occursAt: isoDateTime,
    overdue: z.boolean().describe("Its time has passed and it is still open"),
    seen: z
      .boolean()
      .describe("Already counted once: the bell showed a reminder of it or all was marked read since"),
    leadId: idSchema.nullable(),
    contactId: idSchema.nullable(),
    companyId: idSchema.nullable(),
    dealId: idSchema.nullable(),
  })
  .describe("An open task, meeting or call of the caller (owner or participant), overdue or due today");
export type DueWork = z.infer<typeof dueWorkSchema>;

export const notificationListResponse = z.object({
  data: z.array(notificationSchema),
  unreadCount: z
    .number()
    .int()
    .describe("Unread reminders and notices plus due work not yet seen (the bell's badge)"),
  due: z.array(dueWorkSchema).describe("Overdue and due-today work, oldest first (at most 50)"),
  dueCount: z.number().int().describe("All overdue and due-today work, also beyond the 50 listed"),
});
