import type { DbOrTx } from "@server/db/client";
import { deals, pipelines, stages } from "@server/db/schema";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof stages.$inferSelect;
export type NewStageRow = typeof stages.$inferInsert;

/** Default first, then by position and age: the order of the pipeline switch. */
const PIPELINE_ORDER = [desc(pipelines.isDefault), asc(pipelines.position), asc(pipelines.createdAt)];

const livePipeline = isNull(pipelines.deletedAt);
const liveStage = isNull(stages.deletedAt);

export async function listPipelineRows(db: DbOrTx): Promise<PipelineRow[]> {
  return db
    .select()
    .from(pipelines)
    .where(livePipeline)
    .orderBy(...PIPELINE_ORDER);
}

export async function findPipeline(db: DbOrTx, id: string): Promise<PipelineRow | undefined> {
  const [row] = await db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.id, id), livePipeline));
  return row;
}

export async function findPipelineForUpdate(db: DbOrTx, id: string): Promise<PipelineRow | undefined> {
  const [row] = await db
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.id, id), livePipeline))
    .for("update");
  return row;
}

export async function countPipelines(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(pipelines).where(livePipeline);
  return row?.n ?? 0;
}

export async function stagesOf(db: DbOrTx, pipelineIds: string[]): Promise<StageRow[]> {
  if (pipelineIds.length === 0) return [];
  return db
    .select()
    .from(stages)
    .where(and(inArray(stages.pipelineId, pipelineIds), liveStage))
    .orderBy(asc(stages.position), asc(stages.createdAt));
}

export async function insertPipeline(
  db: DbOrTx,
  values: typeof pipelines.$inferInsert,
): Promise<PipelineRow> {
  const [row] = await db.insert(pipelines).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updatePipelineRow(
  db: DbOrTx,
  id: string,
  values: Partial<typeof pipelines.$inferInsert>,
): Promise<PipelineRow> {
  const [row] = await db
    .update(pipelines)
    .set({ ...values, version: sql`${pipelines.version} + 1`, updatedAt: new Date() })
    .where(eq(pipelines.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Clears the default flag on every other pipeline (there is one default). */
export async function clearOtherDefaults(db: DbOrTx, keepId: string): Promise<void> {
  await db
    .update(pipelines)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(and(eq(pipelines.isDefault, true), sql`${pipelines.id} <> ${keepId}`));
}

export async function insertStages(db: DbOrTx, values: NewStageRow[]): Promise<StageRow[]> {
  if (values.length === 0) return [];
  return db.insert(stages).values(values).returning();
}

export async function updateStageRow(db: DbOrTx, id: string, values: Partial<NewStageRow>): Promise<void> {
  await db
    .update(stages)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(stages.id, id));
}

/** Archives stages: their history rows keep naming them. */
export async function archiveStages(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length > 0)
    await db
      .update(stages)
      .set({ deletedAt: new Date(), updatedAt: new Date() })
      .where(inArray(stages.id, ids));
}

/** Live deals (any status) per stage. */
export async function dealCountsByStage(db: DbOrTx, stageIds: string[]): Promise<Map<string, number>> {
  if (stageIds.length === 0) return new Map();
  const rows = await db
    .select({ stageId: deals.stageId, n: count() })
    .from(deals)
    .where(and(inArray(deals.stageId, stageIds), isNull(deals.deletedAt)))
    .groupBy(deals.stageId);
  return new Map(rows.map((r) => [r.stageId, r.n]));
}

/** Live deals (any status) of this pipeline. */
export async function countDealsOfPipeline(db: DbOrTx, pipelineId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(deals)
    .where(and(eq(deals.pipelineId, pipelineId), isNull(deals.deletedAt)));
  return row?.n ?? 0;
}

/** Live deals of a stage, locked, for moving them out of a stage being removed. */
export async function dealsInStageForUpdate(db: DbOrTx, stageId: string) {
  return db
    .select({ id: deals.id, status: deals.status, position: deals.position })
    .from(deals)
    .where(and(eq(deals.stageId, stageId), isNull(deals.deletedAt)))
    .orderBy(asc(deals.position), asc(deals.id))
    .for("update");
}

/**
 * Serialises pipeline writes (default flag, positions, first-pipeline bootstrap) across processes:
 * a transaction-scoped advisory lock, released at commit.
 */
export async function lockPipelines(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('leadwerk.pipelines'))`);
}
