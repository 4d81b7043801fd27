import type { ServiceContext } from "@server/context";
import type { Db } from "@server/db/client";
import { notFound } from "@server/errors";
import { getActivityRow } from "@server/modules/activities/activity.service";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import * as repo from "./calendar.repository";
import { buildIcs } from "./ics";

/** The feed covers what a calendar program needs: the last 90 days and the next 18 months. */
const FEED_PAST_DAYS = 90;
const FEED_FUTURE_DAYS = 550;
const FEED_MAX_ITEMS = 5000;

export async function feedStatus(ctx: ServiceContext) {
  const feed = await repo.findFeed(ctx.db, ctx.actor.id);
  return { active: Boolean(feed), createdAt: feed?.createdAt.toISOString() ?? null };
}

/**
 * Creates the caller's private feed token or replaces it (the old URL stops working). The token is
 * returned only here; the database keeps its SHA-256.
 */
export async function rotateFeed(ctx: ServiceContext) {
  const token = newSecretToken();
  const row = await repo.upsertFeed(ctx.db, ctx.actor.id, hashToken(token));
  return { token, path: `/api/v1/calendar/${token}.ics`, createdAt: row.createdAt.toISOString() };
}

export async function revokeFeed(ctx: ServiceContext) {
  if (!(await repo.deleteFeed(ctx.db, ctx.actor.id))) throw notFound("calendar_feed_not_found");
}

/** The feed behind a token; an unknown or revoked token is a plain 404. */
export async function feedIcs(db: Db, token: string, now = new Date()): Promise<string> {
  const user = await repo.findFeedUser(db, hashToken(token));
  if (!user) throw notFound("calendar_feed_not_found");
  const day = 86_400_000;
  const rows = await repo.feedActivities(
    db,
    user.id,
    new Date(now.getTime() - FEED_PAST_DAYS * day),
    new Date(now.getTime() + FEED_FUTURE_DAYS * day),
    FEED_MAX_ITEMS,
  );
  return buildIcs(`Leadwerk – ${user.name}`, rows);
}

/** One activity as .ics; 404 when invisible, 422 when it has no time. */
export async function activityIcs(ctx: ServiceContext, id: string) {
  const { row } = await getActivityRow(ctx, id);
  return {
    ics: buildIcs("Leadwerk", [row]),
    hasTime: Boolean(row.startsAt ?? row.dueAt),
    subject: row.subject,
  };
}
