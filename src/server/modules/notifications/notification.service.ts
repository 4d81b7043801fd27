import { reminderWindow } from "@domain/activities/activity-rules";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { notFound } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import type { Notification, notificationListQuery } from "@shared/schemas/notification";
import type { z } from "zod";
import * as repo from "./notification.repository";

const iso = (d: Date | null) => d?.toISOString() ?? null;

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
  return { data, unreadCount: await repo.countUnread(ctx.db, ctx.actor.id) };
}

export async function markNotificationRead(ctx: ServiceContext, id: string) {
  if (!(await repo.notificationExists(ctx.db, ctx.actor.id, id))) throw notFound("notification_not_found");
  await repo.markRead(ctx.db, ctx.actor.id, id);
  return { unreadCount: await repo.countUnread(ctx.db, ctx.actor.id) };
}

export async function markAllNotificationsRead(ctx: ServiceContext) {
  await repo.markRead(ctx.db, ctx.actor.id);
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
