import { reminderWindow } from "@domain/activities/activity-rules";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { notFound } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { activityVisibility } from "@server/modules/activities/activity.service";
import { startOfDay, todayIn } from "@server/modules/reports/report-period";
import type {
  DueWork,
  dueWorkQuery,
  Notification,
  notificationListQuery,
} from "@shared/schemas/notification";
import dayjs from "dayjs";
import type { z } from "zod";
import * as repo from "./notification.repository";

const iso = (d: Date | null) => d?.toISOString() ?? null;

const DUE_LISTED = 50;

/** Due work ends with the reader's today: 00:00 of tomorrow in their zone. */
function endOfToday(timeZone: string, now = new Date()): Date {
  return startOfDay(dayjs(todayIn(timeZone, now)).add(1, "day").format("YYYY-MM-DD"), timeZone);
}

/** The caller's overdue and due-today work, through the activities' permission gate. */
async function dueWork(ctx: ServiceContext, timeZone: string) {
  const now = new Date();
  const found = await repo.dueWorkRows(
    ctx.db,
    ctx.actor.id,
    activityVisibility(ctx),
    endOfToday(timeZone, now),
    DUE_LISTED,
  );
  const due: DueWork[] = found.rows.map(({ a, seen }) => ({
    id: a.id,
    type: a.type as DueWork["type"],
    subject: a.subject,
    occursAt: (a.startsAt ?? a.dueAt ?? now).toISOString(),
    overdue: (a.startsAt ?? a.dueAt ?? now) < now,
    seen,
    leadId: a.leadId,
    contactId: a.contactId,
    companyId: a.companyId,
    dealId: a.dealId,
  }));
  return { due, dueCount: found.total, unseen: found.unseen };
}

const unreadCount = async (ctx: ServiceContext, timeZone: string) =>
  (await repo.countUnread(ctx.db, ctx.actor.id)) + (await dueWork(ctx, timeZone)).unseen;

/** Notifications are private: every query is limited to the caller's own. */
export async function listNotifications(ctx: ServiceContext, query: z.infer<typeof notificationListQuery>) {
  const rows = await repo.listNotificationRows(ctx.db, ctx.actor.id, {
    limit: query.limit,
    unread: query.unread ?? false,
  });
  const data: Notification[] = rows.map(({ n, a }) => ({
    id: n.id,
    kind: n.notice ? "notice" : "due",
    createdAt: n.createdAt.toISOString(),
    readAt: iso(n.readAt),
    notice: n.notice ?? null,
    activity: a && {
      id: a.id,
      type: a.type as NonNullable<Notification["activity"]>["type"],
      subject: a.subject,
      occursAt: iso(a.startsAt ?? a.dueAt),
      done: a.done,
      leadId: a.leadId,
      contactId: a.contactId,
      companyId: a.companyId,
      dealId: a.dealId,
    },
  }));
  const { due, dueCount, unseen } = await dueWork(ctx, query.timeZone);
  return { data, unreadCount: (await repo.countUnread(ctx.db, ctx.actor.id)) + unseen, due, dueCount };
}

export async function markNotificationRead(
  ctx: ServiceContext,
  id: string,
  query: z.infer<typeof dueWorkQuery>,
) {
  if (!(await repo.notificationExists(ctx.db, ctx.actor.id, id))) throw notFound("notification_not_found");
  await repo.markRead(ctx.db, ctx.actor.id, id);
  return { unreadCount: await unreadCount(ctx, query.timeZone) };
}

/** Reads every reminder and notice and marks the due work seen, in one transaction. */
export async function markAllNotificationsRead(ctx: ServiceContext, query: z.infer<typeof dueWorkQuery>) {
  await ctx.db.transaction(async (tx) => {
    await repo.markRead(tx, ctx.actor.id);
    await repo.markDueWorkSeen(tx, ctx.actor.id, activityVisibility(ctx), endOfToday(query.timeZone));
  });
  return { unreadCount: 0 };
}

/**
 * One reminder scan at `now`: creates the due reminders and returns the live messages announcing
 * them (each to its one user). Safe to run in several processes at once.
 */
export async function scanReminders(db: DbOrTx, now: Date): Promise<LiveMessage[]> {
  const created = await repo.insertDueReminders(db, reminderWindow(now));
  return created.map((n) => ({
    event: { type: "notification.created", id: n.id, userId: n.userId },
    audience: { kind: "user", userId: n.userId },
  }));
}

/**
 * Tells these users something in the bell (e.g. a webhook switched off), in the caller's transaction;
 * publish the returned messages after the commit.
 */
export async function notifyUsers(
  db: DbOrTx,
  userIds: readonly string[],
  notice: repo.Notice,
): Promise<LiveMessage[]> {
  const created = await repo.insertNotices(db, userIds, notice);
  return created.map((n) => ({
    event: { type: "notification.created", id: n.id, userId: n.userId },
    audience: { kind: "user", userId: n.userId },
  }));
}
