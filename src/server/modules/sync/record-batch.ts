import type { ServiceContext } from "@server/context";
import type { DbOrTx, Tx } from "@server/db/client";
import { isExternalIdTaken } from "@server/db/errors";
import { AppError, type FieldError, field, invalidInput } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { message, messageCodeOf } from "@shared/message-codes";
import { BATCH_MAX_RECORDS, type BatchResult } from "@shared/schemas/deal";
import { inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";

type Result = BatchResult["results"][number];

/** The body of every `POST /api/v1/<things>/batch`: records are checked one by one, so each gets its own errors. */
export const batchBody = z.strictObject({
  records: z
    .array(z.record(z.string(), z.unknown()))
    .min(1)
    .max(BATCH_MAX_RECORDS)
    .describe(
      "Up to 1,000 records, each as in the create or change body plus optional `id` or `externalId`: with `id` (or an `externalId` a record has) the record is changed as by PATCH, else created as by POST",
    ),
  atomic: z
    .boolean()
    .optional()
    .describe(
      "true: all or nothing (the first refused record refuses the request with 422, its fields under `records.<index>`); false (default): each record in its own savepoint, refused ones reported in `results`",
    ),
});
export type BatchBody = z.output<typeof batchBody>;

/** One checked record of a batch, as the entity's steps take it. */
export type BatchItem<C, U> = { kind: "create"; input: C } | { kind: "update"; id: string; input: U };

/** What became of one record: its id (and live messages), or the refusal of that record alone. */
export type BatchOutcome = { id: string; live?: LiveMessage[] } | { error: AppError };

/** What one entity lends the batch: its bodies, its create and change steps (gate, rules, audit) and its table. */
export interface BatchEntity<C, U> {
  /** Where `externalId`s are looked up; an `id` the caller cannot see is refused by the change step itself. */
  table: PgTable & { id: PgColumn; externalId: PgColumn };
  createBody: z.ZodType<C>;
  updateBody: z.ZodType<U>;
  /** Runs on `tx` (the batch's transaction or the record's savepoint). */
  create(ctx: ServiceContext, tx: Tx, input: C): Promise<{ id: string; live?: LiveMessage[] }>;
  update(ctx: ServiceContext, tx: Tx, id: string, input: U): Promise<{ id: string; live?: LiveMessage[] }>;
  /**
   * Set-based writing of many records at once (optional): the same gate, rules and audit as `create`
   * and `update`, with multi-row statements. Gets records of distinct targets; refuses a record by
   * its outcome (writing nothing of it), and throws only when a statement failed, after which the
   * batch rolls the call back and writes those records one by one to find the refused one.
   */
  writeMany?(ctx: ServiceContext, tx: Tx, items: BatchItem<C, U>[]): Promise<BatchOutcome[]>;
}

type Planned<C, U> =
  | { index: number; item: BatchItem<C, U>; externalId: string | null }
  | { index: number; error: AppError };

/**
 * Creates and changes up to 1,000 records of one entity in one request (API.md "batch"). Every
 * record is checked against the create or change body first; the `externalId`s of the batch are
 * resolved in one query. The records then go in runs of distinct targets (a record naming an id or
 * externalId an earlier record of the run named starts the next run, so a record created with an
 * externalId is found by a later record of the same batch): an entity with `writeMany` writes a run
 * in a few multi-row statements, others through their own create and change steps on the batch's
 * transaction (their own transactions become savepoints). Unless `atomic`, a refused record is
 * reported and written not at all while the others commit together; `atomic` refuses the request
 * with the first refused record's errors under `records.<index>`.
 */
export async function runBatch<C, U>(
  ctx: ServiceContext,
  entity: BatchEntity<C, U>,
  input: BatchBody,
): Promise<{ results: Result[]; live: LiveMessage[] }> {
  return ctx.db.transaction(async (tx) => {
    const known = await resolveExternalIds(tx, entity, input.records);
    const results: Result[] = [];
    const live: LiveMessage[] = [];
    for (const run of runsOfDistinctTargets(input.records, known)) {
      const planned = run.map((index) => plan(entity, index, input.records[index] ?? {}, known));
      const outcomes = await writeRun(ctx, tx, entity, planned, input.atomic === true);
      for (const [i, p] of planned.entries()) {
        const outcome = outcomes[i];
        if (!outcome) throw new Error("batch record without an outcome");
        const record = input.records[p.index] ?? {};
        if ("error" in outcome) {
          if (input.atomic) throw outcome.error.under(`records.${p.index}`);
          const id = typeof record.id === "string" ? record.id : undefined;
          results.push({
            index: p.index,
            status: "error",
            ...(id && { id }),
            errors: itemErrors(outcome.error),
          });
          continue;
        }
        live.push(...(outcome.live ?? []));
        if ("item" in p && p.item.kind === "create") {
          if (p.externalId) known.set(p.externalId, outcome.id);
          results.push({ index: p.index, status: "created", id: outcome.id });
        } else results.push({ index: p.index, status: "updated", id: outcome.id });
      }
    }
    return { results, live };
  });
}

/** The trimmed externalId a record names, when it names one. */
const externalIdOf = (record: BatchBody["records"][number]) =>
  typeof record.externalId === "string" && record.externalId.trim().length > 0
    ? record.externalId.trim()
    : null;

/** The record indexes in runs in which no id or externalId is named twice (see `runBatch`). */
function runsOfDistinctTargets(records: BatchBody["records"], known: Map<string, string>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let targets = new Set<string>();
  for (const [index, record] of records.entries()) {
    const externalId = externalIdOf(record);
    const id = typeof record.id === "string" ? record.id : externalId ? known.get(externalId) : undefined;
    const keys = [...(id ? [`id:${id}`] : []), ...(externalId ? [`ext:${externalId}`] : [])];
    if (keys.some((k) => targets.has(k))) {
      runs.push(run);
      run = [];
      targets = new Set();
    }
    run.push(index);
    for (const k of keys) targets.add(k);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A record checked: created or changed (by id, or by an externalId a record has), or refused. */
function plan<C, U>(
  entity: BatchEntity<C, U>,
  index: number,
  record: BatchBody["records"][number],
  known: Map<string, string>,
): Planned<C, U> {
  const { id: rawId, ...rest } = record;
  const externalId = externalIdOf(record);
  try {
    const id = rawId !== undefined ? parseId(rawId) : externalId ? known.get(externalId) : undefined;
    if (id !== undefined)
      return { index, externalId, item: { kind: "update", id, input: parse(entity.updateBody, rest) } };
    return { index, externalId, item: { kind: "create", input: parse(entity.createBody, rest) } };
  } catch (error) {
    const refusal = asAppError(error);
    if (!refusal) throw error;
    return { index, error: refusal };
  }
}

/** One run's outcomes, in the order of `planned`. */
async function writeRun<C, U>(
  ctx: ServiceContext,
  tx: Tx,
  entity: BatchEntity<C, U>,
  planned: Planned<C, U>[],
  atomic: boolean,
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = planned.map((p) => ("error" in p ? { error: p.error } : { id: "" }));
  const todo = planned.flatMap((p, i) => ("item" in p ? [{ i, item: p.item }] : []));
  const { writeMany } = entity;
  if (writeMany && todo.length > 0) {
    try {
      const written = await tx.transaction(async (savepoint) => {
        const answer = await writeMany(
          ctx,
          savepoint,
          todo.map((t) => t.item),
        );
        if (answer.length !== todo.length) throw new Error("writeMany answered another number of records");
        return answer;
      });
      for (const [k, t] of todo.entries()) {
        const outcome = written[k];
        if (outcome) outcomes[t.i] = outcome;
      }
      return outcomes;
    } catch {
      // A statement failed (a constraint, a concurrent writer): its savepoint is gone; the records
      // go one by one below, so the refusal lands on the record that caused it.
    }
  }
  for (const [i, p] of planned.entries()) {
    if (!("item" in p)) {
      if (atomic) return outcomes; // the first refusal refuses the request
      continue;
    }
    const { item } = p;
    const write = (db: Tx) =>
      item.kind === "create"
        ? entity.create(ctx, db, item.input)
        : entity.update(ctx, db, item.id, item.input);
    try {
      outcomes[i] = atomic ? await write(tx) : await tx.transaction((savepoint) => write(savepoint));
    } catch (error) {
      const refusal = asAppError(error);
      if (!refusal) throw error;
      outcomes[i] = { error: refusal };
      if (atomic) return outcomes;
    }
  }
  return outcomes;
}

/** One query for every externalId the batch names (without an id): which record has it now. */
async function resolveExternalIds<C, U>(
  db: DbOrTx,
  entity: BatchEntity<C, U>,
  records: BatchBody["records"],
): Promise<Map<string, string>> {
  const wanted = [
    ...new Set(
      records
        .filter((r) => r.id === undefined && typeof r.externalId === "string")
        .map((r) => String(r.externalId).trim())
        .filter((e) => e.length > 0 && e.length <= 255),
    ),
  ];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: entity.table.id, externalId: entity.table.externalId })
    .from(entity.table)
    .where(inArray(entity.table.externalId, wanted));
  return new Map(rows.map((r) => [String(r.externalId), String(r.id)]));
}

const idOf = z.uuid();
function parseId(value: unknown): string {
  const parsed = idOf.safeParse(value);
  if (!parsed.success)
    throw invalidInput(message("request_invalid_field", { part: "id" }), [field("id", "invalid")]);
  return parsed.data;
}

/** A record checked against the entity's create or change body: its field errors as a refusal of the record. */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => {
    const path =
      issue.code === "unrecognized_keys" ? (issue.keys[0] ?? "") : issue.path.map((p) => String(p)).join(".");
    const coded = messageCodeOf(issue.message);
    return { path, message: issue.message, ...(coded?.code && { code: coded.code }) };
  });
  throw invalidInput(message("request_invalid_fields", { part: "record" }), errors);
}

/** A refusal of one record: the service's own, or a second record with the same externalId. */
function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isExternalIdTaken(error))
    return new AppError("conflict", message("external_id_taken"), [field("externalId", "external_id_taken")]);
  return null;
}

/** A refused record's reasons: its field errors, or the refusal itself for the record as a whole. */
function itemErrors(error: AppError): NonNullable<Result["errors"]> {
  const { text, code } = error.detail;
  if (error.errors?.length)
    return error.errors.map((e) => ({ path: e.path, message: e.message, ...(e.code && { code: e.code }) }));
  return [{ path: "", message: text, ...(code && { code }) }];
}
