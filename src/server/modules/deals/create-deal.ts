import { dealContactLinks } from "@domain/deals/deal-contacts";
import { positionAtEnd } from "@domain/deals/position";
import { type Actor, visibleWhere } from "@server/access/permission-gate";
import { assertAllowedTeam, assertAssignableOwner, ownerTheCreatorSees } from "@server/access/record-guards";
import { findVisibleCompanyName } from "@server/access/visible-company";
import type { CustomFieldSource } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { companies, contacts, users } from "@server/db/schema";
import { ruleViolation } from "@server/errors";
import { dealChanged, type LiveMessage } from "@server/live/live-message";
import { audit } from "@server/modules/audit/audit";
import { customFieldsOfWrite } from "@server/modules/custom-fields/record-custom-fields";
import type { createDealBody } from "@shared/schemas/deal";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import * as repo from "./deal.repository";
import * as stagesRepo from "./deal-stage.repository";

export type CreateDealInput = z.output<typeof createDealBody>;

export interface CreatedDeal {
  id: string;
  pipelineId: string;
  stageId: string;
  teamId: string | null;
  ownerId: string | null;
  /** Publish after the transaction commits: `app.live.publish(created.live)`. */
  live: LiveMessage;
}

/**
 * Creates one deal inside the caller's transaction `tx` (manual creation and lead conversion alike).
 * Never commits and never publishes: the caller publishes `live` after its transaction committed.
 *
 * - pipeline: `input.pipelineId`, else the stage's pipeline, else the default pipeline; stage: `input.stageId`
 *   (must belong to that pipeline), else the pipeline's first stage; the card goes to the end of the column
 * - owner defaults to the actor (`ownerId: null` leaves it unowned), team to the owner's team
 * - company and contacts must be visible to the actor; contacts get exactly one primary
 * - writes the first stage-history row and the audit entry `deal.created` (with `sourceLeadId`)
 *
 * Rule violations throw `AppError` (422 with the field path), which rolls the caller's transaction back.
 * Signature stable (used by the lead conversion): `createDeal({ actor, input, sourceLeadId?, requestId? }, tx)`.
 */
export async function createDeal(
  options: {
    actor: Actor;
    input: CreateDealInput;
    /** The lead this deal was converted from, for the funnel and the card's BANT indicator. */
    sourceLeadId?: string | null;
    requestId?: string | null;
    /** The app's cached custom field definitions (read in `tx` without). */
    customFields?: CustomFieldSource | undefined;
  },
  tx: DbOrTx,
): Promise<CreatedDeal> {
  const { actor, input } = options;
  const stage = await resolveStage(tx, input.pipelineId, input.stageId);
  const askedOwner = input.ownerId === undefined ? actor.id : input.ownerId;
  if (askedOwner && askedOwner !== actor.id) await assertAssignableOwner(tx, actor, askedOwner, "deal");
  const teamId = input.teamId ?? (await teamOf(tx, actor, askedOwner));
  if (input.teamId !== undefined) assertAllowedTeam(actor, teamId);
  // A creator always sees what they created (issue #14): a teamless creator leaving it unowned owns it.
  const ownerId = ownerTheCreatorSees(actor, "deal", { teamId, ownerId: askedOwner });
  if (input.companyId) {
    const name = await findVisibleCompanyName(tx, input.companyId, visibleWhere(actor, "company", companies));
    if (name === undefined) throw ruleViolation("company_not_visible").at("companyId");
  }
  const links = dealContactLinks(input.contacts ?? []);
  await assertVisibleContacts(tx, actor, links);
  const customFields = await customFieldsOfWrite(options, tx, "deal", input.customFields, { creating: true });

  // The stage lock serialises everyone appending to or reordering this column.
  await stagesRepo.lockStage(tx, stage.id);
  const now = new Date();
  const row = await repo.insertDeal(tx, {
    title: input.title,
    externalId: input.externalId ?? null,
    pipelineId: stage.pipelineId,
    stageId: stage.id,
    position: positionAtEnd(await repo.lastPositionInColumn(tx, stage.id)),
    amount: input.amount?.amount ?? null,
    currency: input.amount?.currency ?? "EUR",
    probability: input.probability ?? null,
    expectedCloseDate: input.expectedCloseDate ?? null,
    companyId: input.companyId ?? null,
    description: input.description ?? null,
    tags: input.tags ?? [],
    customFields: customFields ?? {},
    sourceLeadId: options.sourceLeadId ?? null,
    status: "open",
    stageEnteredAt: now,
    teamId,
    ownerId,
    createdBy: actor.id,
  });
  await repo.replaceDealContacts(tx, row.id, links);
  await repo.openStageHistory(tx, { dealId: row.id, stageId: stage.id, enteredAt: now, movedBy: actor.id });
  await audit(tx, { actor, requestId: options.requestId ?? null }, "deal.created", row, {
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    stageName: stage.name,
    ownerId: row.ownerId,
    teamId: row.teamId,
    amount: row.amount,
    currency: row.currency,
    sourceLeadId: row.sourceLeadId,
  });
  return {
    id: row.id,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    teamId: row.teamId,
    ownerId: row.ownerId,
    live: dealChanged(row),
  };
}

async function resolveStage(tx: DbOrTx, pipelineId: string | undefined, stageId: string | undefined) {
  if (stageId) {
    const stage = await stagesRepo.findStage(tx, stageId);
    if (!stage || (pipelineId && stage.pipelineId !== pipelineId))
      throw ruleViolation("stage_not_in_pipeline:create").at("stageId");
    return stage;
  }
  const entryPipelineId = await stagesRepo.findEntryPipelineId(tx, pipelineId);
  if (!entryPipelineId) throw ruleViolation("pipeline_unknown").at("pipelineId");
  const first = await stagesRepo.firstStageOf(tx, entryPipelineId);
  if (!first) throw ruleViolation("pipeline_no_stages").at("pipelineId");
  return first;
}

async function teamOf(tx: DbOrTx, actor: Actor, ownerId: string | null): Promise<string | null> {
  if (!ownerId || ownerId === actor.id) return actor.teamId;
  const [owner] = await tx.select({ teamId: users.teamId }).from(users).where(eq(users.id, ownerId));
  return owner?.teamId ?? null;
}

export async function assertVisibleContacts(
  tx: DbOrTx,
  actor: Actor,
  links: { contactId: string }[],
): Promise<void> {
  const ids = links.map((l) => l.contactId);
  const visible = await repo.visibleContactIds(tx, ids, visibleWhere(actor, "contact", contacts));
  const index = ids.findIndex((id) => !visible.has(id));
  if (index >= 0) throw ruleViolation("contact_not_visible").at(`contacts.${index}.contactId`);
}
