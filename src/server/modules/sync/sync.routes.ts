import type { ServiceContext } from "@server/context";
import { field, invalidInput } from "@server/errors";
import { message } from "@shared/message-codes";
import type { OwnedEntity } from "@shared/schemas/permissions";
import { LIST_PAGE_MAX, SYNC_PAGE_MAX } from "@shared/schemas/sync";
import type { FastifyReply } from "fastify";
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
 * list's response schema (records only) would not pass. The records come from the list's mapper.
 */
export const sendSyncPage = (reply: FastifyReply, page: SyncPage<{ id: string }>) =>
  reply.type("application/json; charset=utf-8").send(JSON.stringify(page));

/** A plain list page (no `updatedSince`) holds at most 200 records; the schema lets 1,000 through for sync pages. */
export function asListQuery<Q extends { limit: number }>(query: Q): Q {
  if (query.limit > LIST_PAGE_MAX)
    throw invalidInput(message("request_invalid_field", { part: "querystring" }), [
      field("limit", "list_limit_too_large", { max: LIST_PAGE_MAX, syncMax: SYNC_PAGE_MAX }),
    ]);
  return query;
}
