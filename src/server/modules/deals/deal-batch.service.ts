import type { ServiceContext } from "@server/context";
import { deals } from "@server/db/schema";
import { type BatchBody, type BatchEntity, runBatch } from "@server/modules/sync/record-batch";
import { createDealBody, updateDealBody } from "@shared/schemas/deal";
import type { CreateDealInput } from "./create-deal";
import { createDealIn, type UpdateDealInput, updateDealIn } from "./deal.service";

/** Deals in the shared batch (modules/sync/record-batch.ts): the same steps as POST and PATCH. */
const DEAL_BATCH: BatchEntity<CreateDealInput, UpdateDealInput> = {
  table: deals,
  createBody: createDealBody,
  updateBody: updateDealBody,
  create: async (ctx, tx, input) => {
    const created = await createDealIn(ctx, tx, input);
    return { id: created.id, live: [created.live] };
  },
  update: async (ctx, tx, id, input) => {
    const changed = await updateDealIn(ctx, tx, id, input);
    return { id: changed.deal.id, live: changed.live };
  },
};

/** Creates and changes up to 1,000 deals, by `id` or `externalId` (API.md "batch"). */
export const batchDeals = (ctx: ServiceContext, input: BatchBody) => runBatch(ctx, DEAL_BATCH, input);
