import type { ServiceContext } from "@server/context";
import { field, invalidInput } from "@server/errors";
import { compiledWriter, projector } from "@server/plugins/response-serializer";
import { message } from "@shared/message-codes";
import { activityListItemSchema } from "@shared/schemas/activity";
import { companySparseListItemSchema } from "@shared/schemas/company";
import { contactSparseListItemSchema } from "@shared/schemas/contact";
import { dealListItemSchema } from "@shared/schemas/deal";
import { leadListItemSchema } from "@shared/schemas/lead";
import type { OwnedEntity } from "@shared/schemas/permissions";
import { LIST_PAGE_MAX, SYNC_PAGE_MAX } from "@shared/schemas/sync";
import type { FastifyReply } from "fastify";
import type { ZodType } from "zod";
import { type SyncPage, syncPage } from "./sync.service";

/**
 * The list routes of the five CRM records hand `?updatedSince=` here: the same path serves the list
 * and its change feed (API.md). Only `limit` combines with it; a list cursor or search would mean
 * something else and is refused rather than ignored.
 */
export function syncFromList(
  ctx: ServiceContext,
  entity: OwnedEntity,
  query: {
    updatedSince?: string | undefined;
    limit: number;
    cursor?: string | undefined;
    q?: string | undefined;
  },
): Promise<SyncPage<{ id: string }>> {
  const extra = (["cursor", "q"] as const).find((k) => query[k] !== undefined);
  if (extra)
    throw invalidInput(message("sync_params_unsupported"), [field(extra, "sync_params_unsupported")]);
  return syncPage(ctx, entity, { updatedSince: query.updatedSince ?? "", limit: query.limit });
}

/**
 * A feed page goes out as JSON written here: its items are the list's records or tombstones, which the
 * list's response schema (a union) would leave to the slow generic path. Each record is written by
 * fast-json-stringify compiled for the list's item schema (only the fields it lists, as the list's
 * own serializer), each tombstone by JSON.stringify, and the page is sent as UTF-8 bytes. For a page of
 * 1,000 leads this is several times cheaper than JSON.stringify of the page (BENCHMARKS.md, issue #22).
 */
export function sendSyncPage(reply: FastifyReply, page: SyncPage<{ id: string }>) {
  const write = itemWriter(page.entity);
  const items = page.data.map((item) => ("deleted" in item ? JSON.stringify(item) : write(item)));
  const json = `{"data":[${items.join(",")}],"nextCursor":${JSON.stringify(page.nextCursor)},"hasMore":${page.hasMore}}`;
  return reply.type("application/json; charset=utf-8").send(Buffer.from(json));
}

const ITEM_SCHEMAS: Record<OwnedEntity, ZodType> = {
  lead: leadListItemSchema,
  contact: contactSparseListItemSchema,
  company: companySparseListItemSchema,
  deal: dealListItemSchema,
  activity: activityListItemSchema,
};
// Pure functions of the schemas above, compiled on first use: the same for every app of the process.
const writers = new Map<OwnedEntity, (item: unknown) => string>();
function itemWriter(entity: OwnedEntity): (item: unknown) => string {
  let write = writers.get(entity);
  if (!write) {
    const schema = ITEM_SCHEMAS[entity];
    const project = projector(schema);
    write = compiledWriter(schema) ?? ((item) => JSON.stringify(project(item)));
    writers.set(entity, write);
  }
  return write;
}

/** A plain list page (no `updatedSince`) holds at most 200 records; the schema lets 1,000 through for sync pages. */
export function asListQuery<Q extends { limit: number }>(query: Q): Q {
  if (query.limit > LIST_PAGE_MAX)
    throw invalidInput(message("request_invalid_field", { part: "querystring" }), [
      field("limit", "list_limit_too_large", { max: LIST_PAGE_MAX, syncMax: SYNC_PAGE_MAX }),
    ]);
  return query;
}
