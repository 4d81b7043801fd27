import { dealContactLinks } from "@domain/deals/deal-contacts";
import { DEAL_AUDITED_FIELDS } from "@domain/deals/deal-fields";
import { positionAtEnd } from "@domain/deals/position";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import { assertCurrentVersion, assertOwnershipChange } from "@server/access/record-guards";
import { dealVisibility } from "@server/access/record-visibility";
import { findVisibleCompanyName } from "@server/access/visible-company";
import type { ServiceContext } from "@server/context";
import type { DbOrTx, Tx } from "@server/db/client";
import { companies } from "@server/db/schema";
import { notFound, ruleViolation } from "@server/errors";
import { dealChanged, type LiveMessage } from "@server/live/live-message";
import { type AuditChanges, audit, auditUpdate } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { customFieldsOfWrite } from "@server/modules/custom-fields/record-custom-fields";
import type { Deal, updateDealBody } from "@shared/schemas/deal";
import type { z } from "zod";
import { assertVisibleContacts, type CreateDealInput, type CreatedDeal, createDeal } from "./create-deal";
import { toDeal } from "./deal.mapper";
import * as repo from "./deal.repository";
import { dealGates } from "./deal-gates";
import * as stagesRepo from "./deal-stage.repository";
import { findDealView } from "./deal-view.repository";

export type UpdateDealInput = z.output<typeof updateDealBody>;
/** A change and the live messages to publish once it committed. */
export interface DealChange {
  deal: Deal;
  live: LiveMessage[];
}

export async function getDeal(ctx: ServiceContext, id: string, db: DbOrTx = ctx.db): Promise<Deal> {
  const view = await findDealView(db, id, dealGates(ctx.actor));
  if (!view) throw notFound("deal_not_found");
  return toDeal(view, ctx.actor);
}

export async function createDealRequest(ctx: ServiceContext, input: CreateDealInput): Promise<DealChange> {
  return ctx.db.transaction(async (tx) => {
    const created = await createDealIn(ctx, tx, input);
    return { deal: await getDeal(ctx, created.id, tx), live: [created.live] };
  });
}

/** A deal created by a request inside the caller's transaction (one create, or one record of a batch). */
export function createDealIn(ctx: ServiceContext, tx: Tx, input: CreateDealInput): Promise<CreatedDeal> {
  authorize(ctx, "deal.create");
  return createDeal(
    { actor: ctx.actor, input, requestId: ctx.requestId, customFields: ctx.customFields },
    tx,
  );
}

/** Locks a visible deal for the rest of the transaction and checks the client's version. */
export async function lockDeal(ctx: ServiceContext, tx: Tx, id: string, version: number | undefined) {
  const current = await repo.findDealForUpdate(tx, id, dealVisibility(ctx));
  if (!current) throw notFound("deal_not_found");
  assertCurrentVersion("deal", current, version);
  return current;
}

/** Announces a change to those who see the deal now and, when its team or owner changed, to those who saw it before. */
export function changeMessages(
  before: { teamId: string | null; ownerId: string | null },
  after: repo.DealRow,
): LiveMessage[] {
  const now = dealChanged(after);
  if (before.teamId === after.teamId && before.ownerId === after.ownerId) return [now];
  return [now, dealChanged({ ...after, teamId: before.teamId, ownerId: before.ownerId })];
}

export async function updateDeal(
  ctx: ServiceContext,
  id: string,
  input: UpdateDealInput,
): Promise<DealChange> {
  return ctx.db.transaction((tx) => updateDealIn(ctx, tx, id, input));
}

/** A deal changed inside the caller's transaction (one change, or one record of a batch). */
export async function updateDealIn(
  ctx: ServiceContext,
  tx: Tx,
  id: string,
  input: UpdateDealInput,
): Promise<DealChange> {
  const current = await lockDeal(ctx, tx, id, input.version);
  authorize(ctx, "deal.update", current);
  const { version: _v, contacts: contactInput, amount, ...fields } = input;
  await assertOwnershipChange(tx, ctx.actor, "deal", current, fields);
  if (fields.companyId && fields.companyId !== current.companyId) {
    const name = await findVisibleCompanyName(
      tx,
      fields.companyId,
      visibleWhere(ctx.actor, "company", companies),
    );
    if (name === undefined) throw ruleViolation("company_not_visible").at("companyId");
  }
  const values: Partial<repo.NewDealRow> = {};
  if (fields.title !== undefined) values.title = fields.title;
  if (fields.externalId !== undefined) values.externalId = fields.externalId;
  if (amount !== undefined) {
    values.amount = amount?.amount ?? null;
    if (amount) values.currency = amount.currency;
  }
  if (fields.probability !== undefined) values.probability = fields.probability;
  if (fields.expectedCloseDate !== undefined) values.expectedCloseDate = fields.expectedCloseDate;
  if (fields.companyId !== undefined) values.companyId = fields.companyId;
  if (fields.ownerId !== undefined) values.ownerId = fields.ownerId;
  if (fields.teamId !== undefined) values.teamId = fields.teamId;
  if (fields.description !== undefined) values.description = fields.description ?? null;
  if (fields.tags !== undefined) values.tags = fields.tags;
  const customFields = await customFieldsOfWrite(ctx, tx, "deal", fields.customFields, {
    current: current.customFields as Record<string, unknown>,
    creating: false,
  });
  if (customFields) values.customFields = customFields;
  const row = await repo.updateDealRow(tx, id, values);
  const more: AuditChanges = {};
  if (contactInput !== undefined) {
    const links = dealContactLinks(contactInput);
    await assertVisibleContacts(tx, ctx.actor, links);
    const before = await repo.dealContactIds(tx, id);
    await repo.replaceDealContacts(tx, id, links);
    if (JSON.stringify(sortLinks(before)) !== JSON.stringify(sortLinks(links)))
      more.contacts = { from: sortLinks(before), to: sortLinks(links) };
  }
  await auditUpdate(tx, ctx, "deal.updated", current, row, DEAL_AUDITED_FIELDS, more);
  return { deal: await getDeal(ctx, id, tx), live: changeMessages(current, row) };
}

const sortLinks = (links: repo.DealContactLink[]) =>
  [...links].sort((a, b) => a.contactId.localeCompare(b.contactId)).map((l) => ({ ...l }));

/** Soft delete: history, contacts and activities keep their link. */
export async function deleteDeal(ctx: ServiceContext, id: string): Promise<LiveMessage[]> {
  return ctx.db.transaction(async (tx) => {
    const current = await lockDeal(ctx, tx, id, undefined);
    authorize(ctx, "deal.delete", current);
    await softDelete(tx, ctx, "deal", id);
    return [
      {
        event: { type: "deal.deleted", id, pipelineId: current.pipelineId },
        audience: { kind: "record", entity: "deal", teamId: current.teamId, ownerId: current.ownerId },
      },
    ];
  });
}

export async function markWon(ctx: ServiceContext, id: string, version: number | undefined) {
  return closeDeal(ctx, id, version, { status: "won", lostReason: null });
}

/** Any non-empty reason is accepted; the UI offers the admin's list (see lost-reasons.service.ts). */
export async function markLost(ctx: ServiceContext, id: string, reason: string, version: number | undefined) {
  return closeDeal(ctx, id, version, { status: "lost", lostReason: reason });
}

async function closeDeal(
  ctx: ServiceContext,
  id: string,
  version: number | undefined,
  outcome: { status: "won" | "lost"; lostReason: string | null },
): Promise<DealChange> {
  return ctx.db.transaction(async (tx) => {
    const current = await lockDeal(ctx, tx, id, version);
    authorize(ctx, "deal.close", current);
    const now = new Date();
    // The stay in the stage ends with the outcome, so time-in-stage stops counting.
    await repo.closeStageHistory(tx, id, now);
    const row = await repo.updateDealRow(tx, id, { ...outcome, closedAt: now });
    await audit(
      tx,
      ctx,
      `deal.${outcome.status}`,
      { id },
      {
        status: { from: "open", to: outcome.status },
        ...(outcome.lostReason && { reason: outcome.lostReason }),
      },
    );
    return { deal: await getDeal(ctx, id, tx), live: [dealChanged(row)] };
  });
}

/** Reopens a won or lost deal (who may: the policy's `deal.reopen`): back to the end of its stage's column. */
export async function reopenDeal(
  ctx: ServiceContext,
  id: string,
  version: number | undefined,
): Promise<DealChange> {
  authorize(ctx, "deal.reopen");
  return ctx.db.transaction(async (tx) => {
    // Column (stage) lock before the deal's row lock, in the order moves take them, so the two never deadlock.
    const stageId = await repo.findDealStageId(tx, id, dealVisibility(ctx));
    if (stageId) await stagesRepo.lockStage(tx, stageId);
    const current = await lockDeal(ctx, tx, id, version);
    authorize(ctx, "deal.reopen", current);
    if (current.stageId !== stageId) await stagesRepo.lockStage(tx, current.stageId);
    const now = new Date();
    const row = await repo.updateDealRow(tx, id, {
      status: "open",
      closedAt: null,
      lostReason: null,
      stageEnteredAt: now,
      position: positionAtEnd(await repo.lastPositionInColumn(tx, current.stageId)),
    });
    await repo.openStageHistory(tx, {
      dealId: id,
      stageId: current.stageId,
      enteredAt: now,
      movedBy: ctx.actor.id,
    });
    await audit(tx, ctx, "deal.reopened", { id }, { status: { from: current.status, to: "open" } });
    return { deal: await getDeal(ctx, id, tx), live: [dealChanged(row)] };
  });
}
