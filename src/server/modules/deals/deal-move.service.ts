import { positionBetween, positionForIndex, renumber } from "@domain/deals/position";
import { stageTransition } from "@domain/deals/stage-history";
import { authorize } from "@server/access/authorize";
import { dealVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { ruleViolation } from "@server/errors";
import { dealChanged } from "@server/live/live-message";
import { audit } from "@server/modules/audit/audit";
import * as repo from "./deal.repository";
import { type DealChange, getDeal, lockDeal } from "./deal.service";
import * as stagesRepo from "./deal-stage.repository";

/**
 * Moves a deal to `stageId` at the 0-based `index` of that column (default: the end). The target
 * column's stage row is locked first (before the deal, so a concurrent renumbering can never wait on
 * us while we wait on it), then the new position is the midpoint of the neighbours; when they are too
 * close, the column is renumbered first. Without `version` the last writer wins; every stage change
 * is in the stage history and the audit log either way.
 */
export async function moveDeal(
  ctx: ServiceContext,
  id: string,
  input: {
    stageId: string;
    position?: number | undefined;
    afterDealId?: string | null | undefined;
    version?: number | undefined;
  },
): Promise<DealChange> {
  return ctx.db.transaction(async (tx) => {
    const stage = await stagesRepo.lockStage(tx, input.stageId);
    const current = await lockDeal(ctx, tx, id, input.version);
    if (!stage || stage.pipelineId !== current.pipelineId)
      throw ruleViolation("stage_not_in_deal_pipeline").at("stageId");
    authorize(ctx, "deal.move", current);

    const position = await positionInColumn(ctx, tx, stage, id, {
      index: input.position,
      afterDealId: input.afterDealId,
    });
    const now = new Date();
    const transition = stageTransition(current.stageId, stage.id, now);
    const row = await repo.updateDealRow(tx, id, {
      stageId: stage.id,
      position,
      ...(transition.kind === "enter" && { stageEnteredAt: now }),
    });
    if (transition.kind === "enter") {
      await repo.closeStageHistory(tx, id, now);
      await repo.openStageHistory(tx, {
        dealId: id,
        stageId: stage.id,
        enteredAt: now,
        movedBy: ctx.actor.id,
      });
      const from = await stagesRepo.findStage(tx, current.stageId);
      await audit(
        tx,
        ctx,
        "deal.stage_changed",
        { id },
        {
          stageId: { from: current.stageId, to: stage.id },
          stageName: { from: from?.name ?? null, to: stage.name },
        },
      );
    }
    return { deal: await getDeal(ctx, id, tx), live: [dealChanged(row)] };
  });
}

/**
 * The position for the drop: after `afterDealId`, else at `index` among the visible cards (default:
 * the end). The neighbours are the visible cards around the drop, so what the caller sees is what
 * they get; when there is no room between them, the whole column is renumbered first.
 * A drop after a named card (what the board sends) reads only its two neighbours; an index, and a
 * renumbering, read the whole column.
 */
async function positionInColumn(
  ctx: ServiceContext,
  tx: Tx,
  column: { id: string; pipelineId: string },
  dealId: string,
  drop: { index?: number | undefined; afterDealId?: string | null | undefined },
) {
  const stageId = column.id;
  if (drop.afterDealId !== undefined) {
    const { afterDealId } = drop;
    const near = await repo.dropNeighbours(
      tx,
      { pipelineId: column.pipelineId, stageId },
      dealId,
      afterDealId,
      dealVisibility(ctx),
    );
    if (afterDealId !== null && !near.before?.visible)
      throw ruleViolation("card_not_in_column").at("afterDealId");
    const position = positionBetween(near.before?.position ?? null, near.next);
    if (position !== null) return position;
  }
  const all = await repo.columnPositions(tx, stageId, dealId, dealVisibility(ctx));
  const visible = all.filter((o) => o.visible);
  let at = drop.index ?? visible.length;
  if (drop.afterDealId !== undefined) {
    const after = drop.afterDealId === null ? -1 : visible.findIndex((o) => o.id === drop.afterDealId);
    if (drop.afterDealId !== null && after < 0) throw ruleViolation("card_not_in_column").at("afterDealId");
    at = after + 1;
  }
  const position = between(all, visible, at);
  if (position !== null) return position;
  const fresh = renumber(all.length);
  const renumbered = all.map((o, i) => ({ ...o, position: fresh[i] ?? 0 }));
  await repo.setPositions(tx, renumbered);
  const after = between(
    renumbered,
    renumbered.filter((o) => o.visible),
    at,
  );
  if (after === null) throw new Error("renumbered column still has no room");
  return after;
}

/**
 * Between the visible card before the drop and the next card of the whole column after it, so the
 * new card lands right behind its visible predecessor.
 */
function between(
  all: { id: string; position: number }[],
  visible: { id: string; position: number }[],
  at: number,
) {
  const index = Math.max(0, Math.min(at, visible.length));
  const before = visible[index - 1];
  if (!before) return positionForIndex(all[0] ? [all[0].position] : [], 0);
  const next = all[all.findIndex((o) => o.id === before.id) + 1];
  return positionForIndex(next ? [before.position, next.position] : [before.position], 1);
}
