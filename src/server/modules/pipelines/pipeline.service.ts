import { plannedStageRemovals } from "@domain/deals/default-pipeline";
import { authorize } from "@server/access/authorize";
import { assertCurrentVersion } from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { notFound, ruleViolation } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { audit } from "@server/modules/audit/audit";
import { type BoardQuery, getBoard } from "@server/modules/deals/deal-query.service";
import type { Board, createPipelineBody, Pipeline, updatePipelineBody } from "@shared/schemas/deal";
import type { z } from "zod";
import { toPipeline } from "./pipeline.mapper";
import * as repo from "./pipeline.repository";
import { moveStageDeals } from "./stage-removal";

export type CreatePipelineInput = z.output<typeof createPipelineBody>;
export type UpdatePipelineInput = z.output<typeof updatePipelineBody>;

/** A pipeline change and the live message announcing it (pipelines are visible to everyone). */
export interface PipelineChange {
  pipeline: Pipeline;
  live: LiveMessage[];
}

const announce = (id: string): LiveMessage => ({
  event: { type: "pipeline.changed", id, pipelineId: id },
  audience: { kind: "everyone" },
});

export async function listPipelines(ctx: ServiceContext): Promise<{ data: Pipeline[] }> {
  const rows = await repo.listPipelineRows(ctx.db);
  const stages = await repo.stagesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toPipeline(r, stages)) };
}

export async function getPipeline(ctx: ServiceContext, id: string, db = ctx.db): Promise<Pipeline> {
  const row = await repo.findPipeline(db, id);
  if (!row) throw notFound("pipeline_not_found");
  return toPipeline(row, await repo.stagesOf(db, [id]));
}

/** A pipeline's board (see `getBoard`): the pipeline is read here, its deals by the deals module. */
export async function getPipelineBoard(ctx: ServiceContext, id: string, query: BoardQuery): Promise<Board> {
  return getBoard(ctx, await getPipeline(ctx, id), query);
}

export async function createPipeline(
  ctx: ServiceContext,
  input: CreatePipelineInput,
): Promise<PipelineChange> {
  authorize(ctx, "pipeline.manage");
  return ctx.db.transaction(async (tx) => {
    await repo.lockPipelines(tx);
    const existing = await repo.listPipelineRows(tx);
    const isDefault = input.isDefault === true || existing.length === 0;
    const row = await repo.insertPipeline(tx, {
      name: input.name,
      isDefault,
      position: Math.max(-1, ...existing.map((p) => p.position)) + 1,
    });
    if (isDefault) await repo.clearOtherDefaults(tx, row.id);
    await repo.insertStages(
      tx,
      input.stages.map((s, position) => ({
        pipelineId: row.id,
        name: s.name,
        probability: s.probability,
        rottingDays: s.rottingDays ?? null,
        position,
      })),
    );
    await audit(tx, ctx, "pipeline.created", row, {
      name: row.name,
      isDefault,
      stages: input.stages.map((s) => s.name),
    });
    return { pipeline: await getPipeline(ctx, row.id, tx), live: [announce(row.id)] };
  });
}

/**
 * Renames, makes default, and replaces the ordered stage list: listed stages with an id are kept
 * (renamed, re-weighted, reordered), those without are added, the others are removed. A removed stage
 * that holds deals needs a `stageMoves` entry naming a kept stage for them (422 naming the stage).
 */
export async function updatePipeline(
  ctx: ServiceContext,
  id: string,
  input: UpdatePipelineInput,
): Promise<PipelineChange> {
  authorize(ctx, "pipeline.manage");
  return ctx.db.transaction(async (tx) => {
    await repo.lockPipelines(tx);
    const current = await repo.findPipelineForUpdate(tx, id);
    if (!current) throw notFound("pipeline_not_found");
    assertCurrentVersion("pipeline", current, input.version);
    if (input.isDefault === false && current.isDefault)
      throw ruleViolation("pipeline_default_required").at("isDefault");
    const changes: Record<string, unknown> = {};
    if (input.stages) Object.assign(changes, await replaceStages(ctx, tx, id, input));
    if (input.isDefault && !current.isDefault) {
      await repo.clearOtherDefaults(tx, id);
      changes.isDefault = { from: false, to: true };
    }
    if (input.name !== undefined && input.name !== current.name)
      changes.name = { from: current.name, to: input.name };
    await repo.updatePipelineRow(tx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.isDefault && { isDefault: true }),
    });
    await audit(tx, ctx, "pipeline.updated", { id }, changes);
    return { pipeline: await getPipeline(ctx, id, tx), live: [announce(id)] };
  });
}

async function replaceStages(
  ctx: ServiceContext,
  tx: Tx,
  pipelineId: string,
  input: UpdatePipelineInput,
): Promise<Record<string, unknown>> {
  const list = input.stages ?? [];
  const existing = await repo.stagesOf(tx, [pipelineId]);
  const existingIds = existing.map((s) => s.id);
  list.forEach((s, i) => {
    if (s.id !== undefined && !existingIds.includes(s.id))
      throw ruleViolation("stage_not_in_pipeline").at(`stages.${i}.id`);
    if (s.id !== undefined && list.findIndex((o) => o.id === s.id) !== i)
      throw ruleViolation("stage_listed_twice").at(`stages.${i}.id`);
  });
  const { kept, removed } = plannedStageRemovals(
    existingIds,
    list.map((s) => s.id),
  );
  const moves = new Map((input.stageMoves ?? []).map((m) => [m.fromStageId, m.toStageId]));
  const counts = await repo.dealCountsByStage(tx, removed);
  for (const stageId of removed) {
    const holding = counts.get(stageId) ?? 0;
    const target = moves.get(stageId);
    const name = existing.find((s) => s.id === stageId)?.name ?? stageId;
    if (holding > 0 && !target)
      throw ruleViolation("stage_has_deals", { stage: name, count: holding }).at("stageMoves");
    if (target && !kept.has(target))
      throw ruleViolation("stage_deals_target", { stage: name }).at("stageMoves");
  }
  // Stages first (positions), then the deals of removed stages, then the removal itself.
  const added: string[] = [];
  for (const [position, s] of list.entries()) {
    const values = { name: s.name, probability: s.probability, position };
    // Omitted rotting days leave an existing stage's as they are; only null clears them (issue #15).
    if (s.id)
      await repo.updateStageRow(tx, s.id, {
        ...values,
        ...(s.rottingDays !== undefined && { rottingDays: s.rottingDays }),
      });
    else
      added.push(
        (await repo.insertStages(tx, [{ ...values, rottingDays: s.rottingDays ?? null, pipelineId }]))[0]
          ?.id ?? "",
      );
  }
  for (const stageId of removed) {
    const target = moves.get(stageId);
    if (target) await moveStageDeals(ctx, tx, stageId, target);
  }
  await repo.archiveStages(tx, removed);
  return {
    stages: list.map((s) => s.name),
    ...(removed.length > 0 && {
      removedStages: removed.map((id) => existing.find((s) => s.id === id)?.name ?? id),
    }),
    ...(added.length > 0 && { addedStages: added.length }),
  };
}

/** Removes a pipeline without live deals (the default one stays: make another the default first). */
export async function deletePipeline(ctx: ServiceContext, id: string): Promise<LiveMessage[]> {
  authorize(ctx, "pipeline.manage");
  return ctx.db.transaction(async (tx) => {
    await repo.lockPipelines(tx);
    const current = await repo.findPipelineForUpdate(tx, id);
    if (!current) throw notFound("pipeline_not_found");
    if (current.isDefault) throw ruleViolation("pipeline_default_delete");
    const holding = await repo.countDealsOfPipeline(tx, id);
    if (holding > 0) throw ruleViolation("pipeline_has_deals", { count: holding });
    await repo.archiveStages(
      tx,
      (await repo.stagesOf(tx, [id])).map((s) => s.id),
    );
    await repo.updatePipelineRow(tx, id, { deletedAt: new Date(), isDefault: false });
    await audit(tx, ctx, "pipeline.deleted", { id }, { name: current.name });
    return [announce(id)];
  });
}
