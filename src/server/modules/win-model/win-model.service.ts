import { DEFAULT_WIN_MODEL_FIELDS, type WinModelField } from "@domain/leads/win-model/win-features";
import {
  explainWin,
  trainWinModel,
  WIN_MODEL_MIN_AUC,
  WIN_MODEL_MIN_EXAMPLES,
  WIN_MODEL_MIN_PER_OUTCOME,
  type WinModel,
  type WinTrainingResult,
} from "@domain/leads/win-model/win-model";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { enqueueJob } from "@server/jobs/job.repository";
import { audit } from "@server/modules/audit/audit";
import {
  type WinModelReport,
  type WinProbability,
  winCalibrationRowSchema,
  winModelFieldSchema,
} from "@shared/schemas/win-model";
import { z } from "zod";
import { fitLogisticInWorker } from "./fit-logistic";
import {
  insertWinModel,
  selectLatestWinModel,
  selectWinExamples,
  selectWinInput,
  selectWinModelFields,
  selectWinTrainingJobs,
  upsertWinModelFields,
} from "./win-model.repository";

export const WIN_MODEL_JOB = "lead-win-model";

async function readFields(db: DbOrTx): Promise<WinModelField[]> {
  const parsed = z.array(winModelFieldSchema).safeParse(await selectWinModelFields(db));
  return parsed.success ? parsed.data : [...DEFAULT_WIN_MODEL_FIELDS];
}

/**
 * A lead's learned win probability and what raised or lowered it, or null while no model is
 * published. The caller has read the lead through the permission gate (getLead); the model itself
 * holds no record data, only weights and averages.
 */
export async function leadWinProbability(db: DbOrTx, leadId: string): Promise<WinProbability | null> {
  const latest = await selectLatestWinModel(db);
  if (latest?.state !== "published" || !latest.model) return null;
  const input = await selectWinInput(db, leadId);
  if (!input) return null;
  const explained = explainWin(latest.model as WinModel, input);
  return { ...explained, trainedAt: latest.trainedAt.toISOString() };
}

/** The nightly job's work: train on the finished leads and store the run, published or not. */
export async function trainAndStoreWinModel(db: DbOrTx, now: Date): Promise<WinTrainingResult> {
  const fields = await readFields(db);
  const examples = await selectWinExamples(db);
  const result = await trainWinModel(examples, fields, fitLogisticInWorker);
  await insertWinModel(db, result, fields, now);
  return result;
}

export async function getWinModelReport(ctx: ServiceContext): Promise<WinModelReport> {
  authorize(ctx, "settings.manage");
  const latest = await selectLatestWinModel(ctx.db);
  const fields = await readFields(ctx.db);
  const { current: job, nextRunAt } = await selectWinTrainingJobs(ctx.db, WIN_MODEL_JOB);
  const model = (latest?.model ?? null) as WinModel | null;
  const calibration = z.array(winCalibrationRowSchema).safeParse(latest?.calibration);
  return {
    state: latest ? (latest.state as WinModelReport["state"]) : "none",
    trainedAt: latest?.trainedAt.toISOString() ?? null,
    examples: latest?.examples ?? 0,
    won: latest?.won ?? 0,
    trainCount: latest?.trainCount ?? 0,
    holdoutCount: latest?.holdoutCount ?? 0,
    auc: latest?.auc ?? null,
    calibration: calibration.success ? calibration.data : [],
    coefficients: (model?.features ?? [])
      .map((f) => ({ feature: f.name, coefficient: Math.round(f.coefficient * 1000) / 1000 }))
      .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient)),
    fields,
    minExamples: WIN_MODEL_MIN_EXAMPLES,
    minPerOutcome: WIN_MODEL_MIN_PER_OUTCOME,
    minAuc: WIN_MODEL_MIN_AUC,
    training: {
      state: !job || job.state === "cancelled" ? "idle" : (job.state as WinModelReport["training"]["state"]),
      queuedAt: job?.createdAt.toISOString() ?? null,
      finishedAt: job?.finishedAt?.toISOString() ?? null,
      nextRunAt: nextRunAt?.toISOString() ?? null,
    },
  };
}

/** An admin starts a training now instead of waiting for the night. */
export async function startWinModelTraining(ctx: ServiceContext): Promise<WinModelReport> {
  authorize(ctx, "settings.manage");
  await ctx.db.transaction(async (tx) => {
    await enqueueJob(tx, WIN_MODEL_JOB);
    await audit(tx, ctx, "settings.win_model_training_started", null);
  });
  return getWinModelReport(ctx);
}

/** Which lead fields the model weighs; used from the next training on. */
export async function setWinModelFields(
  ctx: ServiceContext,
  fields: WinModelField[],
): Promise<WinModelReport> {
  authorize(ctx, "settings.manage");
  const unique = [...new Set(fields)];
  await ctx.db.transaction(async (tx) => {
    const before = await readFields(tx);
    await upsertWinModelFields(tx, unique);
    await audit(tx, ctx, "settings.updated", null, { winModelFields: { from: before, to: unique } });
  });
  return getWinModelReport(ctx);
}
