import { POSITION_STEP, positionAtEnd } from "@domain/deals/position";
import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { audit } from "@server/modules/audit/audit";
import * as deals from "@server/modules/deals/deal.repository";
import { lockStage } from "@server/modules/deals/deal-stage.repository";
import * as repo from "./pipeline.repository";

/**
 * Moves every live deal of a stage being removed into `toStageId`: open deals to the end of the
 * target column in their old order, with a new stage-history stay; closed deals keep their outcome.
 */
export async function moveStageDeals(ctx: ServiceContext, tx: Tx, fromStageId: string, toStageId: string) {
  await lockStage(tx, toStageId);
  const moving = await repo.dealsInStageForUpdate(tx, fromStageId);
  const now = new Date();
  let next = positionAtEnd(await deals.lastPositionInColumn(tx, toStageId));
  for (const deal of moving) {
    if (deal.status !== "open") {
      await deals.updateDealRow(tx, deal.id, { stageId: toStageId });
      continue;
    }
    await deals.updateDealRow(tx, deal.id, { stageId: toStageId, position: next, stageEnteredAt: now });
    next += POSITION_STEP;
    await deals.closeStageHistory(tx, deal.id, now);
    await deals.openStageHistory(tx, {
      dealId: deal.id,
      stageId: toStageId,
      enteredAt: now,
      movedBy: ctx.actor.id,
    });
    await audit(tx, ctx, "deal.stage_changed", deal, {
      stageId: { from: fromStageId, to: toStageId },
      reason: "stage_removed",
    });
  }
}
