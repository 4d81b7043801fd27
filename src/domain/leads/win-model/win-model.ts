import {
  isLogScaled,
  type WinFeatureInput,
  type WinFeatureName,
  type WinModelField,
  winFeatureNames,
  winFeatureValues,
} from "./win-features";
import { aucOf, type CalibrationRow, calibrationTable, type Scored } from "./win-metrics";

/** One finished lead of the team's history: won (its deal was won) or not (deal lost, or disqualified). */
export interface WinExample {
  /** The lead's id; it decides, stably from night to night, whether the lead is held out. */
  id: string;
  input: WinFeatureInput;
  won: boolean;
}

export interface WinModelFeature {
  name: WinFeatureName;
  /** The training part's mean and spread: a value is read as (x − mean) / scale, an unknown as the mean. */
  mean: number;
  scale: number;
  /** Change in log-odds per standard deviation. */
  coefficient: number;
}

/** What is stored and published: enough to compute any lead's probability and explain it. */
export interface WinModel {
  intercept: number;
  features: WinModelFeature[];
}

/**
 * Fits a logistic regression: rows of standardised values with a leading 1 for the intercept,
 * labels 0/1; answers one weight per column. The server runs it off the event loop.
 */
export type FitLogistic = (rows: number[][], labels: number[]) => Promise<number[]>;

/**
 * Too little history publishes nothing, and the rule score stands alone. About 30 weights need some
 * ten examples of the rarer outcome each to be more than noise (the "events per variable" rule of
 * thumb is 10), but a team's first year rarely has 300 finished deals; 40 of each outcome and 200 in
 * all keep ten of each in the held-out quarter, the fewest an AUC and a calibration table can be read
 * from. Below 0.55 on held-out leads the model ranks barely better than a coin and is not shown either.
 */
export const WIN_MODEL_MIN_EXAMPLES = 200;
export const WIN_MODEL_MIN_PER_OUTCOME = 40;
export const WIN_MODEL_MIN_AUC = 0.55;
/** The newest finished leads trained on: the team's recent way of selling, and a bounded training time. */
export const WIN_MODEL_MAX_EXAMPLES = 5_000;

export type WinTrainingResult =
  | {
      state: "published" | "no_signal";
      examples: number;
      won: number;
      trainCount: number;
      holdoutCount: number;
      auc: number;
      calibration: CalibrationRow[];
      model: WinModel;
    }
  | {
      state: "too_little_history";
      examples: number;
      won: number;
      trainCount: number;
      holdoutCount: number;
      auc: null;
      calibration: [];
      model: null;
    };

/** FNV-1a of the id: a quarter of the leads (by id, not by order) is held out, the same ones every night. */
export function isHeldOut(id: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 4 === 0;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function standardiser(values: (number | null)[][], names: readonly WinFeatureName[]) {
  return names.map((name, j) => {
    const known = values.map((row) => row[j]).filter((v): v is number => v !== null);
    const mean = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
    const variance = known.length > 0 ? known.reduce((sum, v) => sum + (v - mean) ** 2, 0) / known.length : 0;
    // A feature without spread (no lead from trade shows) gets scale 1 and, standardised to 0, no weight.
    return { name, mean, scale: variance > 1e-12 ? Math.sqrt(variance) : 1 };
  });
}

const standardised = (
  row: readonly (number | null)[],
  features: readonly Omit<WinModelFeature, "coefficient">[],
) =>
  features.map((f, j) => {
    const v = row[j];
    return v === null || v === undefined ? 0 : (v - f.mean) / f.scale;
  });

/**
 * Each feature's push on the log-odds for this lead, against the average lead of the training
 * history, with the lead's own value as people count it (days, activities, hours; 1/0 for yes/no).
 */
export function contributionsOf(model: WinModel, input: WinFeatureInput) {
  const values = winFeatureValues(
    input,
    model.features.map((f) => f.name),
  );
  const z = standardised(values, model.features);
  return model.features.map((f, j) => {
    const value = values[j] ?? null;
    return {
      feature: f.name,
      effect: f.coefficient * (z[j] ?? 0),
      value: value === null ? null : Math.round((isLogScaled(f.name) ? Math.expm1(value) : value) * 10) / 10,
    };
  });
}

export function probabilityOf(model: WinModel, input: WinFeatureInput): number {
  return sigmoid(contributionsOf(model, input).reduce((sum, c) => sum + c.effect, model.intercept));
}

export interface WinFactor {
  feature: WinFeatureName;
  effect: number;
  value: number | null;
}

export interface WinExplanation {
  probability: number;
  /** The features that raised it most (effect > 0) and lowered it most (effect < 0), strongest first. */
  raising: WinFactor[];
  lowering: WinFactor[];
}

/** Effects below this many log-odds (about ±1 percentage point around 50 %) are not worth naming. */
const NOTABLE_EFFECT = 0.05;

export function explainWin(model: WinModel, input: WinFeatureInput, top = 3): WinExplanation {
  const effects = contributionsOf(model, input);
  const probability = sigmoid(effects.reduce((sum, c) => sum + c.effect, model.intercept));
  const round = (e: WinFactor): WinFactor => ({ ...e, effect: Math.round(e.effect * 1000) / 1000 });
  return {
    probability,
    raising: effects
      .filter((e) => e.effect >= NOTABLE_EFFECT)
      .sort((a, b) => b.effect - a.effect)
      .slice(0, top)
      .map(round),
    lowering: effects
      .filter((e) => e.effect <= -NOTABLE_EFFECT)
      .sort((a, b) => a.effect - b.effect)
      .slice(0, top)
      .map(round),
  };
}

/**
 * Trains on three quarters of the history and measures on the held-out quarter; the model published
 * is the one measured, so the report's AUC and calibration table describe exactly what leads show.
 * Calibration: logistic regression fitted by maximum likelihood is calibrated on its training data;
 * the held-out table shows how far that holds, and the report shows it rather than correcting it.
 */
export async function trainWinModel(
  examples: readonly WinExample[],
  fields: readonly WinModelField[],
  fitLogistic: FitLogistic,
): Promise<WinTrainingResult> {
  const won = examples.filter((e) => e.won).length;
  const lost = examples.length - won;
  const train = examples.filter((e) => !isHeldOut(e.id));
  const holdout = examples.filter((e) => isHeldOut(e.id));
  const counts = { examples: examples.length, won, trainCount: train.length, holdoutCount: holdout.length };
  if (
    examples.length < WIN_MODEL_MIN_EXAMPLES ||
    won < WIN_MODEL_MIN_PER_OUTCOME ||
    lost < WIN_MODEL_MIN_PER_OUTCOME
  ) {
    return { state: "too_little_history", ...counts, auc: null, calibration: [], model: null };
  }
  const names = winFeatureNames(fields);
  const trainValues = train.map((e) => winFeatureValues(e.input, names));
  const scales = standardiser(trainValues, names);
  const weights = await fitLogistic(
    trainValues.map((row) => [1, ...standardised(row, scales)]),
    train.map((e) => (e.won ? 1 : 0)),
  );
  const model: WinModel = {
    intercept: weights[0] ?? 0,
    features: scales.map((s, j) => ({ ...s, coefficient: weights[j + 1] ?? 0 })),
  };
  const scored: Scored[] = holdout.map((e) => ({ probability: probabilityOf(model, e.input), won: e.won }));
  const auc = aucOf(scored) ?? 0.5;
  return {
    state: auc >= WIN_MODEL_MIN_AUC ? "published" : "no_signal",
    ...counts,
    auc,
    calibration: calibrationTable(scored),
    model,
  };
}
