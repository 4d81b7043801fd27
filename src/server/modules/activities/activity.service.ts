import { defaultDone, occursAt, timingProblem } from "@domain/activities/activity-rules";
import { authorize } from "@server/access/authorize";
import { type Actor, visibleWhere } from "@server/access/permission-gate";
import { assertAssignableOwner, assertCurrentVersion } from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { idIn } from "@server/db/id-list";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { activities, contacts } from "@server/db/schema";
import { notFound, ruleViolation, ruleViolationOf } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { audit } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { noteLeadActivity } from "@server/modules/leads/lead.service";
import { forgetReminders } from "@server/modules/notifications/notification.repository";
import type {
  Activity,
  ActivityListQuery,
  createActivityBody,
  updateActivityBody,
} from "@shared/schemas/activity";
import { and, eq, gte, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { mapActivity } from "./activity.mapper";
import * as repo from "./activity.repository";
import { assertLinks, assertParticipants } from "./activity-links";
import { activityChanged, usersTakingPart } from "./activity-live";

/**
 * What the caller may see: the permission gate's activities (own, team, or all by role) plus the
 * ones the caller takes part in. The in-memory twin, for live events, is `canSeeActivity`.
 */
export const activityVisibility = (ctx: ServiceContext): SQL =>
  or(
    visibleWhere(ctx.actor, "activity", activities),
    and(isNull(activities.deletedAt), repo.participantIs(ctx.actor.id)),
  ) ?? visibleWhere(ctx.actor, "activity", activities);

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function assertTiming(timing: Parameters<typeof timingProblem>[0]) {
  const problem = timingProblem(timing);
  if (problem) throw ruleViolationOf(problem.message).at(problem.path);
}

/**
 * The participants of these activities as `actor` may see them: contacts outside the actor's
 * permission gate come without their names (in the same query, see `participantsOf`).
 */
export const participantsFor = (db: DbOrTx, actor: Actor, activityIds: string[]) =>
  repo.participantsOf(db, activityIds, visibleWhere(actor, "contact", contacts));

/**
 * Activity rows another module read (e.g. the company file) as API activities for `actor`, with
 * owner names and participants.
 */
export async function presentActivities(
  db: DbOrTx,
  actor: Actor,
  rows: repo.ActivityRow[],
): Promise<Activity[]> {
  const ids = rows.map((r) => r.id);
  const [participants, owners] = await Promise.all([
    participantsFor(db, actor, ids),
    repo.ownerNames(db, rows),
  ]);
  return rows.map((row) =>
    mapActivity(row, row.ownerId ? (owners.get(row.ownerId) ?? null) : null, participants, actor),
  );
}

async function present(ctx: ServiceContext, db: DbOrTx, row: repo.ActivityRow): Promise<Activity> {
  const found = await repo.findActivity(db, row.id, eq(activities.id, row.id));
  return mapActivity(
    row,
    found?.ownerName ?? null,
    await participantsFor(db, ctx.actor, [row.id]),
    ctx.actor,
  );
}

export async function getActivity(ctx: ServiceContext, id: string): Promise<Activity> {
  const found = await repo.findActivity(ctx.db, id, activityVisibility(ctx));
  if (!found) throw notFound("activity_not_found");
  return mapActivity(found.row, found.ownerName, await participantsFor(ctx.db, ctx.actor, [id]), ctx.actor);
}

/** The visible activity row for exports (.ics); 404 when missing or invisible. */
export async function getActivityRow(ctx: ServiceContext, id: string) {
  const found = await repo.findActivity(ctx.db, id, activityVisibility(ctx));
  if (!found) throw notFound("activity_not_found");
  return found;
}

export async function createActivity(ctx: ServiceContext, input: z.infer<typeof createActivityBody>) {
  authorize(ctx, "activity.create");
  return ctx.db.transaction(async (tx) => {
    const timing = {
      type: input.type,
      dueAt: date(input.dueAt),
      startsAt: date(input.startsAt),
      endsAt: date(input.endsAt),
    };
    assertTiming(timing);
    await assertLinks(ctx, tx, input);
    const { userIds, contactIds } = await assertParticipants(ctx, tx, input);
    const ownerId = input.ownerId ?? ctx.actor.id;
    if (ownerId !== ctx.actor.id) await assertAssignableOwner(tx, ctx.actor, ownerId, "activity");
    const now = new Date();
    const done = input.done ?? defaultDone(input.type, occursAt(timing), now);
    const row = await repo.insertActivity(tx, {
      subject: input.subject,
      body: input.body ?? null,
      ...timing,
      done,
      doneAt: done ? now : null,
      ownerId,
      teamId: ctx.actor.teamId,
      createdBy: ctx.actor.id,
      leadId: input.leadId ?? null,
      contactId: input.contactId ?? null,
      companyId: input.companyId ?? null,
      dealId: input.dealId ?? null,
      externalId: input.externalId ?? null,
    });
    await repo.replaceParticipants(tx, row.id, "user", userIds);
    await repo.replaceParticipants(tx, row.id, "contact", contactIds);
    await audit(tx, ctx, "activity.created", row, { type: row.type, subject: row.subject });
    // The owner's first activity on a lead puts it "in process".
    if (row.leadId) await noteLeadActivity(tx, ctx, row.leadId, ownerId);
    return present(ctx, tx, row);
  });
}

/** A changed activity and the live message to publish once it committed. */
export interface ActivityChange {
  activity: Activity;
  live: LiveMessage;
}

export async function updateActivity(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof updateActivityBody>,
): Promise<ActivityChange> {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findActivityForUpdate(tx, id, activityVisibility(ctx));
    if (!current) throw notFound("activity_not_found");
    authorize(ctx, "activity.update", current);
    const before = await repo.currentParticipants(tx, id);
    assertCurrentVersion("activity", current, input.version);
    const {
      version: _v,
      dueAt,
      startsAt,
      endsAt,
      participantUserIds,
      participantContactIds,
      ownerId,
      ...rest
    } = input;
    const values: Partial<repo.NewActivityRow> = { ...rest };
    if (dueAt !== undefined) values.dueAt = date(dueAt);
    if (startsAt !== undefined) values.startsAt = date(startsAt);
    if (endsAt !== undefined) values.endsAt = date(endsAt);
    const timing = {
      type: current.type as Activity["type"],
      dueAt: values.dueAt !== undefined ? values.dueAt : current.dueAt,
      startsAt: values.startsAt !== undefined ? values.startsAt : current.startsAt,
      endsAt: values.endsAt !== undefined ? values.endsAt : current.endsAt,
    };
    assertTiming(timing);
    const links = {
      leadId: input.leadId !== undefined ? input.leadId : current.leadId,
      contactId: input.contactId !== undefined ? input.contactId : current.contactId,
      companyId: input.companyId !== undefined ? input.companyId : current.companyId,
      dealId: input.dealId !== undefined ? input.dealId : current.dealId,
    };
    if (!links.leadId && !links.contactId && !links.companyId && !links.dealId)
      throw ruleViolation("activity_link_required").at("leadId");
    // Only newly set links are checked: keeping a link to a record now out of sight is no new access.
    await assertLinks(ctx, tx, {
      leadId: input.leadId !== current.leadId ? input.leadId : undefined,
      contactId: input.contactId !== current.contactId ? input.contactId : undefined,
      companyId: input.companyId !== current.companyId ? input.companyId : undefined,
      dealId: input.dealId !== current.dealId ? input.dealId : undefined,
    });
    if (ownerId !== undefined && ownerId !== current.ownerId) {
      if (ownerId !== ctx.actor.id) await assertAssignableOwner(tx, ctx.actor, ownerId, "activity");
      values.ownerId = ownerId;
    }
    if (input.done !== undefined && input.done !== current.done)
      values.doneAt = input.done ? new Date() : null;
    const participants = await assertParticipants(ctx, tx, input, before);
    const row = await repo.updateActivityRow(tx, id, values);
    if (participantUserIds) await repo.replaceParticipants(tx, id, "user", participants.userIds);
    if (participantContactIds) await repo.replaceParticipants(tx, id, "contact", participants.contactIds);
    // A moved appointment reminds again at its new time.
    if (occursAt(timing)?.getTime() !== occursAt(current)?.getTime()) await forgetReminders(tx, id);
    await audit(tx, ctx, "activity.updated", { id }, input);
    if (row.leadId && row.leadId !== current.leadId) await noteLeadActivity(tx, ctx, row.leadId, row.ownerId);
    const activity = await present(ctx, tx, row);
    const readersBefore = { ownerId: current.ownerId, participantUserIds: [...before.userIds] };
    const live = activityChanged({ ...row, participantUserIds: usersTakingPart(activity) }, readersBefore);
    return { activity, live };
  });
}

/** Soft-deletes a visible activity; returns the live message for those who could read it. */
export async function deleteActivity(ctx: ServiceContext, id: string): Promise<LiveMessage> {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findActivityForUpdate(tx, id, activityVisibility(ctx));
    if (!current) throw notFound("activity_not_found");
    authorize(ctx, "activity.delete", current);
    const { userIds } = await repo.currentParticipants(tx, id);
    await softDelete(tx, ctx, "activity", id);
    await forgetReminders(tx, id);
    return activityChanged({ ...current, participantUserIds: [...userIds] });
  });
}

export async function listActivities(ctx: ServiceContext, query: ActivityListQuery) {
  const where: SQL[] = [activityVisibility(ctx)];
  if (query.leadId) where.push(eq(activities.leadId, query.leadId));
  if (query.contactId) where.push(eq(activities.contactId, query.contactId));
  if (query.companyId) where.push(eq(activities.companyId, query.companyId));
  if (query.dealId) where.push(eq(activities.dealId, query.dealId));
  if (query.mine) {
    const mine = or(eq(activities.ownerId, ctx.actor.id), repo.participantIs(ctx.actor.id));
    if (mine) where.push(mine);
  }
  if (query.ownerId) where.push(eq(activities.ownerId, query.ownerId));
  if (query.ids?.length) where.push(idIn(activities.id, query.ids));
  if (query.externalId !== undefined) where.push(eq(activities.externalId, query.externalId));
  if (query.done !== undefined) where.push(eq(activities.done, query.done));
  if (query.type?.length) where.push(inArray(activities.type, query.type));
  if (query.from) where.push(gte(activities.occursAt, new Date(query.from)));
  if (query.to) where.push(lt(activities.occursAt, new Date(query.to)));
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await repo.listActivityRows(ctx.db, { where, cursor, limit: query.limit, sort: query.sort });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.row.id]);
  const participants = await participantsFor(
    ctx.db,
    ctx.actor,
    page.data.map((r) => r.row.id),
  );
  return {
    data: page.data.map((r) => mapActivity(r.row, r.ownerName, participants, ctx.actor)),
    nextCursor: page.nextCursor,
  };
}
