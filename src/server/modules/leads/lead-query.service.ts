import { leadVisibility, leadVisibilityParts } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { countListRows } from "@server/db/list-count";
import { leads } from "@server/db/schema";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import type { LeadListQuery } from "@shared/schemas/lead";
import { type LeadProjection, leadProjection } from "./lead.mapper";
import { deletedLeadsOnly } from "./lead.service";
import { leadFilters, leadSearch, listLeadRows } from "./lead-list.repository";

/** A page of leads with the fields the query asks for (all without `fields`). */
export const listLeads = (ctx: ServiceContext, query: LeadListQuery) =>
  leadPage(ctx, query, leadProjection(query.fields));

/** The list's total under the same gate, filters and search as `listLeads` (`GET /leads/count`). */
export async function countLeads(ctx: ServiceContext, query: LeadListQuery) {
  const visible = query.deleted ? deletedLeadsOnly(ctx) : leadVisibility(ctx);
  const custom = await customFieldListQuery(ctx, "lead", query);
  return countListRows(ctx.db, leads, [
    visible,
    ...leadFilters(query, ctx.actor.id),
    ...custom.filters,
    leadSearch(query) ?? undefined,
  ]);
}

async function leadPage<T>(ctx: ServiceContext, query: LeadListQuery, projection: LeadProjection<T>) {
  const all = query.deleted ? deletedLeadsOnly(ctx) : leadVisibility(ctx);
  const visible = { all, parts: query.deleted ? [{ where: all, few: false }] : leadVisibilityParts(ctx) };
  const custom = await customFieldListQuery(ctx, "lead", query);
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await listLeadRows(ctx.db, {
    visible,
    filters: [...leadFilters(query, ctx.actor.id), ...custom.filters],
    search: leadSearch(query),
    sort: query.sort,
    customSort: custom.sort,
    cursor,
    limit: query.limit,
    projection,
  });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.id]);
  return { data: page.data.map((row) => projection.map(row, ctx.actor)), nextCursor: page.nextCursor };
}
