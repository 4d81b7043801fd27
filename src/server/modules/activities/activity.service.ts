import { visibleWhere } from "@server/access/permission-gate";
import { assertAssignableOwner, assertCurrentVersion } from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { decodeCursor, toPage } from "@server/db/keyset";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import { fieldError, notFound } from "@server/errors";
import { recordAudit } from "@server/modules/audit/audit.repository";
import { noteLeadActivity } from "@server/modules/leads/lead.service";
import type {
  Activity,
  activityListQuery,
  createActivityBody,
  updateActivityBody,
} from "@shared/schemas/activity";
import { and, eq, type SQL } from "drizzle-orm";
import type { z } from "zod";
import * as repo from "./activity.repository";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toActivity(row: repo.ActivityRow): Activity {
  return {
    id: row.id,
    version: row.version,
    type: row.type as Activity["type"],
    subject: row.subject,
    body: row.body,
    dueAt: iso(row.dueAt),
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    done: row.done,
    doneAt: iso(row.doneAt),
    ownerId: row.ownerId,
    teamId: row.teamId,
    leadId: row.leadId,
    contactId: row.contactId,
    companyId: row.companyId,
    dealId: row.dealId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const activityVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "activity", activities);

/** Every linked record must be visible to the caller; an invisible one is reported like a missing one. */
async function assertLinks(
  ctx: ServiceContext,
  db: DbOrTx,
  input: {
    leadId?: string | null | undefined;
    contactId?: string | null | undefined;
    companyId?: string | null | undefined;
    dealId?: string | null | undefined;
  },
) {
  const checks = [
    {
      id: input.leadId,
      path: "leadId",
      visible: () =>
        db
          .select({ id: leads.id })
          .from(leads)
          .where(and(eq(leads.id, input.leadId ?? ""), visibleWhere(ctx.actor, "lead", leads))),
    },
    {
      id: input.contactId,
      path: "contactId",
      visible: () =>
        db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.id, input.contactId ?? ""), visibleWhere(ctx.actor, "contact", contacts))),
    },
    {
      id: input.companyId,
      path: "companyId",
      visible: () =>
        db
          .select({ id: companies.id })
          .from(companies)
          .where(and(eq(companies.id, input.companyId ?? ""), visibleWhere(ctx.actor, "company", companies))),
    },
    {
      id: input.dealId,
      path: "dealId",
      visible: () =>
        db
          .select({ id: deals.id })
          .from(deals)
          .where(and(eq(deals.id, input.dealId ?? ""), visibleWhere(ctx.actor, "deal", deals))),
    },
  ];
  for (const check of checks) {
    if (check.id && (await check.visible()).length === 0) {
      throw fieldError("rule_violation", check.path, "This record does not exist or is not visible to you");
    }
  }
}

export async function createActivity(ctx: ServiceContext, input: z.infer<typeof createActivityBody>) {
  return ctx.db.transaction(async (tx) => {
    await assertLinks(ctx, tx, input);
    const ownerId = input.ownerId ?? ctx.actor.id;
    if (ownerId !== ctx.actor.id) await assertAssignableOwner(tx, ctx.actor, ownerId);
    const done = input.done ?? (input.type === "note" || input.type === "call" || input.type === "email");
    const row = await repo.insertActivity(tx, {
      type: input.type,
      subject: input.subject,
      body: input.body ?? null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      done,
      doneAt: done ? new Date() : null,
      ownerId,
      teamId: ctx.actor.teamId,
      createdBy: ctx.actor.id,
      leadId: input.leadId ?? null,
      contactId: input.contactId ?? null,
      companyId: input.companyId ?? null,
      dealId: input.dealId ?? null,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "activity.created",
      entityType: "activity",
      entityId: row.id,
      changes: { type: row.type, subject: row.subject },
      requestId: ctx.requestId,
    });
    if (row.leadId) await noteLeadActivity(tx, ctx, row.leadId, ownerId);
    return toActivity(row);
  });
}

export async function updateActivity(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof updateActivityBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findActivityForUpdate(tx, id, activityVisibility(ctx));
    if (!current) throw notFound("Activity");
    assertCurrentVersion("activity", current, input.version);
    const { version: _v, dueAt, startsAt, endsAt, ...rest } = input;
    const values: Partial<repo.NewActivityRow> = { ...rest };
    if (dueAt !== undefined) values.dueAt = dueAt ? new Date(dueAt) : null;
    if (startsAt !== undefined) values.startsAt = startsAt ? new Date(startsAt) : null;
    if (endsAt !== undefined) values.endsAt = endsAt ? new Date(endsAt) : null;
    if (input.done !== undefined && input.done !== current.done)
      values.doneAt = input.done ? new Date() : null;
    const row = await repo.updateActivityRow(tx, id, values);
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "activity.updated",
      entityType: "activity",
      entityId: id,
      changes: input,
      requestId: ctx.requestId,
    });
    return toActivity(row);
  });
}

export async function deleteActivity(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findActivityForUpdate(tx, id, activityVisibility(ctx));
    if (!current) throw notFound("Activity");
    await repo.updateActivityRow(tx, id, { deletedAt: new Date() });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "activity.deleted",
      entityType: "activity",
      entityId: id,
      requestId: ctx.requestId,
    });
  });
}

export async function listActivities(ctx: ServiceContext, query: z.infer<typeof activityListQuery>) {
  const where: SQL[] = [activityVisibility(ctx)];
  if (query.leadId) where.push(eq(activities.leadId, query.leadId));
  if (query.contactId) where.push(eq(activities.contactId, query.contactId));
  if (query.companyId) where.push(eq(activities.companyId, query.companyId));
  if (query.dealId) where.push(eq(activities.dealId, query.dealId));
  if (query.mine) where.push(eq(activities.ownerId, ctx.actor.id));
  if (query.done !== undefined) where.push(eq(activities.done, query.done));
  if (query.type) where.push(eq(activities.type, query.type));
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await repo.listActivityRows(ctx.db, { where, cursor, limit: query.limit });
  const page = toPage(rows, query.limit, (r) => [r.sortKey, r.row.id]);
  return { data: page.data.map((r) => toActivity(r.row)), nextCursor: page.nextCursor };
}
