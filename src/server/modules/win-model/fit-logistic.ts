import { Worker } from "node:worker_threads";
import type { FitLogistic } from "@domain/leads/win-model/win-model";

/**
 * Logistic regression by mljs's `ml-logistic-regression` (2.0.0, Dec 2024, pure JavaScript on
 * ml-matrix, runs on Node 20; no native build, unlike @tensorflow/tfjs-node, and a fraction of
 * TensorFlow.js's size for one linear model). It fits by plain gradient ascent over all rows, a few
 * seconds of CPU for thousands of leads, so it runs in a worker thread: requests keep being answered
 * while the nightly job trains. Features arrive standardised, so one learning rate suits every
 * team: a step of 1/n on the summed gradient is a step of 1 on the mean, stable for standardised
 * columns, and 300 steps reach the optimum to three decimals on the generated histories of the tests.
 */
export const fitLogisticInWorker: FitLogistic = (rows, labels) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./fit-logistic.worker.mjs", import.meta.url), {
      workerData: { rows, labels, numSteps: 300, learningRate: 1 / Math.max(1, rows.length) },
    });
    worker.once("message", (weights: number[]) => resolve(weights));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`win model training stopped with exit code ${code}`));
    });
  });
