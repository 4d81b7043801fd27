// Fits the win model's logistic regression off the main thread (see fit-logistic.ts). Plain JavaScript
// so the worker starts under tsx, Vitest and the built server alike without a TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";

const { rows, labels, numSteps, learningRate } = workerData;
const model = new LogisticRegression({ numSteps, learningRate });
model.train(new Matrix(rows), Matrix.columnVector(labels));
// One-vs-all over the labels {0, 1}: the first classifier answers "not 0", i.e. the chance of a win.
const [positive] = model.classifiers;
parentPort?.postMessage(positive ? positive.weights.to1DArray() : []);
