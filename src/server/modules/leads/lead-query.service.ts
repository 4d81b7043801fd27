import { LEAD_DATA_FIELDS } from "@domain/leads/lead-fields";
import { leadVisibility, leadVisibilityParts } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { streamCsv } from "@server/modules/record-lists/csv-stream";
import type { Lead, LeadListQuery } from "@shared/schemas/lead";
import { type LeadProjection, leadProjection } from "./lead.mapper";
import { deletedLeadsOnly } from "./lead.service";
import { leadFilters, leadSearch, listLeadRows } from "./lead-list.repository";

/** A page of leads with the fields the query asks for (all without `fields`). */
export const listLeads = (ctx: ServiceContext, query: LeadListQuery) =>
  leadPage(ctx, query, leadProjection(query.fields));

async function leadPage<T>(ctx: ServiceContext, query: LeadListQuery, projection: LeadProjection<T>) {
  const all = query.deleted ? deletedLeadsOnly(ctx) : leadVisibility(ctx);
  const visible = { all, parts: query.deleted ? [{ where: all, few: false }] : leadVisibilityParts(ctx) };
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await listLeadRows(ctx.db, {
    visible,
    filters: leadFilters(query, ctx.actor.id),
    search: leadSearch(query),
    sort: query.sort,
    cursor,
    limit: query.limit,
    projection,
  });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.id]);
  return { data: page.data.map((row) => projection.map(row, ctx.actor)), nextCursor: page.nextCursor };
}

export const EXPORT_COLUMNS = [
  "id",
  "status",
  "lifecycleStage",
  ...LEAD_DATA_FIELDS,
  "currency",
  "ownerId",
  "teamId",
  "score",
  "bantQualified",
  "tags",
  "createdAt",
  "updatedAt",
  "deadReason",
] as const;

/**
 * Streams every lead matching the list filters as CSV, page by page along the same keyset, so memory
 * stays flat whatever the size; the permission gate applies as in the list.
 */
export function exportLeadsCsv(ctx: ServiceContext, query: LeadListQuery): AsyncGenerator<string> {
  const pageQuery = { ...query, limit: 1000 };
  return streamCsv(
    EXPORT_COLUMNS,
    (cursor) =>
      leadPage(ctx, { ...pageQuery, ...(cursor ? { cursor } : { cursor: undefined }) }, leadProjection()),
    (lead: Lead) => ({
      ...lead,
      estimatedValue: lead.estimatedValue?.amount ?? "",
      currency: lead.estimatedValue?.currency ?? "",
      tags: lead.tags.join(", "),
    }),
  );
}
