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

/** What one entity lends the batch: its bodies, its create and change steps (gate, rules, audit) and its table. */
export interface BatchEntity<C, U> {
  /** Where `externalId`s are looked up; an `id` the caller cannot see is refused by the change step itself. */
  table: PgTable & { id: PgColumn; externalId: PgColumn };
  createBody: z.ZodType<C>;
  updateBody: z.ZodType<U>;
  /** Runs on `tx` (the batch's transaction or the record's savepoint). */
  create(ctx: ServiceContext, tx: Tx, input: C): Promise<{ id: string; live?: LiveMessage[] }>;
  update(ctx: ServiceContext, tx: Tx, id: string, input: U): Promise<{ id: string; live?: LiveMessage[] }>;
}

/**
 * Creates and changes up to 1,000 records of one entity in one request (API.md "batch"), through the
 * entity's own create and change steps, which run on the batch's transaction (their own transactions
 * become savepoints), so the permission gate, rules and audit apply per record. The `externalId`s of
 * the batch are resolved in one query first; a record created with one is found by a later record of
 * the same batch. Unless `atomic`, each record runs in its own savepoint: a refused one is reported and
 * rolled back alone while the others commit together.
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
    for (const [index, record] of input.records.entries()) {
      const apply = async (db: Tx): Promise<Result & { live: LiveMessage[] }> => {
        const { id: rawId, ...rest } = record;
        const externalId = typeof record.externalId === "string" ? record.externalId.trim() : null;
        const id = rawId !== undefined ? parseId(rawId) : externalId ? known.get(externalId) : undefined;
        if (id !== undefined) {
          const changed = await entity.update(ctx, db, id, parse(entity.updateBody, rest));
          return { index, status: "updated", id: changed.id, live: changed.live ?? [] };
        }
        const created = await entity.create(ctx, db, parse(entity.createBody, rest));
        if (externalId) known.set(externalId, created.id);
        return { index, status: "created", id: created.id, live: created.live ?? [] };
      };
      if (input.atomic) {
        const { live: changes, ...result } = await apply(tx).catch((error: unknown) => {
          throw asAppError(error)?.under(`records.${index}`) ?? error;
        });
        live.push(...changes);
        results.push(result);
        continue;
      }
      try {
        const { live: changes, ...result } = await tx.transaction((savepoint) => apply(savepoint));
        live.push(...changes);
        results.push(result);
      } catch (error) {
        const refusal = asAppError(error);
        if (!refusal) throw error;
        const id = typeof record.id === "string" ? record.id : undefined;
        results.push({ index, status: "error", ...(id && { id }), errors: itemErrors(refusal) });
      }
    }
    return { results, live };
  });
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
