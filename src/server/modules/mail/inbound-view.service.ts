import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { afterCursor, decodeCursor, toPage } from "@server/db/keyset";
import { inboundMails } from "@server/db/schema";
import { notFound } from "@server/errors";
import { getActivityRow } from "@server/modules/activities/activity.service";
import type { inboundListQuery } from "@shared/schemas/mail";
import type { z } from "zod";
import * as repo from "./inbound.repository";

/** Every inbound mail and what became of it, newest first (admins: it names senders of any record). */
export async function listInboundMails(ctx: ServiceContext, query: z.output<typeof inboundListQuery>) {
  authorize(ctx, "settings.manage");
  const after = query.cursor
    ? afterCursor(
        inboundMails.receivedAt,
        inboundMails.id,
        "desc",
        decodeCursor(query.cursor, 2),
        "timestamptz",
      )
    : undefined;
  const rows = await repo.selectInboundPage(ctx.db, { status: query.status, after, limit: query.limit });
  const page = toPage(rows, query.limit, (row) => [row.cursorAt, row.id]);
  return {
    data: page.data.map(({ cursorAt: _, receivedAt, channel, status, ...row }) => ({
      ...row,
      channel: channel as "smtp" | "imap",
      status: status as "accepted" | "ignored" | "rejected",
      receivedAt: receivedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

/** The mail behind an email activity, through the activity's gate (404 for an invisible one). */
export async function getActivityEmail(ctx: ServiceContext, activityId: string) {
  await getActivityRow(ctx, activityId);
  const message = await repo.selectEmailMessage(ctx.db, activityId);
  if (!message) throw notFound("activity_not_found");
  return {
    activityId,
    fromAddress: message.fromAddress,
    fromName: message.fromName,
    to: message.to,
    messageId: message.messageId,
    safeHtml: message.safeHtml,
    attachments: await repo.selectAttachmentList(ctx.db, activityId),
  };
}

/** One attachment for download, through the activity's gate. */
export async function getEmailAttachment(ctx: ServiceContext, activityId: string, attachmentId: string) {
  await getActivityRow(ctx, activityId);
  const attachment = await repo.selectAttachment(ctx.db, activityId, attachmentId);
  if (!attachment) throw notFound("attachment_not_found");
  return attachment;
}
