import type { DbOrTx } from "@server/db/client";
import { pipelines, stages } from "@server/db/schema";
import { and, asc, desc, eq, isNull } from "drizzle-orm";

/*
 * The pipelines and stages as deals see them: where a new deal enters, the stage a deal moves to, and
 * the column lock. The pipelines module owns their editing (and calls lockStage when a removed stage's
 * deals move); deals only read and lock them here, so the two modules do not import each other.
 */

export type StageRow = typeof stages.$inferSelect;

const liveStage = isNull(stages.deletedAt);

export async function findStage(db: DbOrTx, id: string): Promise<StageRow | undefined> {
  const [row] = await db
    .select()
    .from(stages)
    .where(and(eq(stages.id, id), liveStage));
  return row;
}

/**
 * Locks a stage row for the rest of the transaction. Every change of a column's order (create,
 * move, reopen, renumber) takes this lock first, so concurrent drags into one column queue instead
 * of computing the same position. `no key update` does not block inserts that merely reference the stage.
 */
export async function lockStage(db: DbOrTx, id: string): Promise<StageRow | undefined> {
  const [row] = await db
    .select()
    .from(stages)
    .where(and(eq(stages.id, id), liveStage))
    .for("no key update");
  return row;
}

export async function firstStageOf(db: DbOrTx, pipelineId: string): Promise<StageRow | undefined> {
  const [row] = await db
    .select()
    .from(stages)
    .where(and(eq(stages.pipelineId, pipelineId), liveStage))
    .orderBy(asc(stages.position), asc(stages.createdAt))
    .limit(1);
  return row;
}

/**
 * The live pipeline a new deal enters: `id`, or without one the default (should none be marked, the
 * first in the pipeline switch's order); undefined when `id` names no live pipeline.
 */
export async function findEntryPipelineId(db: DbOrTx, id: string | undefined): Promise<string | undefined> {
  const live = isNull(pipelines.deletedAt);
  const [row] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(id ? and(eq(pipelines.id, id), live) : live)
    .orderBy(desc(pipelines.isDefault), asc(pipelines.position), asc(pipelines.createdAt))
    .limit(1);
  return row?.id;
}
