import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { AppError } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import type { BatchResult, batchDealsBody } from "@shared/schemas/deal";
import type { z } from "zod";
import { createDealIn, updateDealIn } from "./deal.service";

type BatchInput = z.output<typeof batchDealsBody>;
type Result = BatchResult["results"][number];

/**
 * Creates and changes up to 1,000 deals in one request (API.md "batch"): a record with `id` is changed
 * as by PATCH, one without is created as by POST, through the same service steps (gate, rules, audit).
 * One transaction for the whole batch; unless `atomic`, each record runs in its own savepoint, so a
 * refused record is reported and rolled back alone while the others commit together.
 */
export async function batchDeals(
  ctx: ServiceContext,
  input: BatchInput,
): Promise<{ results: Result[]; live: LiveMessage[] }> {
  return ctx.db.transaction(async (tx) => {
    const results: Result[] = [];
    const live: LiveMessage[] = [];
    for (const [index, record] of input.records.entries()) {
      const apply = async (t: Tx): Promise<{ id: string; live: LiveMessage[] }> => {
        if (!("id" in record)) {
          const created = await createDealIn(ctx, t, record);
          return { id: created.id, live: [created.live] };
        }
        const changed = await updateDealIn(ctx, t, record.id, withoutId(record));
        return { id: changed.deal.id, live: changed.live };
      };
      if (input.atomic) {
        const change = await apply(tx).catch((error: unknown) => {
          throw error instanceof AppError ? error.under(`records.${index}`) : error;
        });
        live.push(...change.live);
        results.push({ index, status: "id" in record ? "updated" : "created", id: change.id });
        continue;
      }
      try {
        const change = await tx.transaction((savepoint) => apply(savepoint));
        live.push(...change.live);
        results.push({ index, status: "id" in record ? "updated" : "created", id: change.id });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({
          index,
          status: "error",
          ...("id" in record && { id: record.id }),
          errors: itemErrors(error),
        });
      }
    }
    return { results, live };
  });
}

function withoutId<T extends { id: string }>(record: T): Omit<T, "id"> {
  const { id: _id, ...rest } = record;
  return rest;
}

/** A refused record's reasons: its field errors, or the refusal itself for the record as a whole. */
function itemErrors(error: AppError): NonNullable<Result["errors"]> {
  const { text, code } = error.detail;
  if (error.errors?.length)
    return error.errors.map((e) => ({ path: e.path, message: e.message, ...(e.code && { code: e.code }) }));
  return [{ path: "", message: text, ...(code && { code }) }];
}
