import { leadVisibility, leadVisibilityParts } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { type CursorValue, decodeSortedCursor, toPage } from "@server/db/keyset";
import { countListRows } from "@server/db/list-count";
import { leads } from "@server/db/schema";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import { unrestrictedLead } from "@server/modules/gdpr/restriction-guard";
import type { LeadListQuery } from "@shared/schemas/lead";
import type { SQL } from "drizzle-orm";
import { type LeadProjection, leadProjection } from "./lead.mapper";
import { deletedLeadsOnly } from "./lead.service";
import {
  type LeadColumns,
  type LeadPageRow,
  leadFilters,
  leadPageStatement,
  leadSearch,
  listLeadRows,
} from "./lead-list.repository";

/** A page of leads with the fields the query asks for (all without `fields`). */
export const listLeads = (ctx: ServiceContext, query: LeadListQuery) =>
  leadPage(ctx, query, leadProjection(query.fields));

/**
 * What the list holds for a query: the permission gate (whole, and in parts for the windowed search),
 * the filters with the custom fields' ones, the search and a custom-field sort. The list, its count and
 * the export all take their rows through this, so none of them can hold a lead another would not.
 */
async function leadListConditions(ctx: ServiceContext, query: LeadListQuery) {
  const all = query.deleted ? deletedLeadsOnly(ctx) : leadVisibility(ctx);
  const custom = await customFieldListQuery(ctx, "lead", query);
  return {
    visible: { all, parts: query.deleted ? [{ where: all, few: false }] : leadVisibilityParts(ctx) },
    filters: [...leadFilters(query, ctx.actor.id), ...custom.filters],
    search: leadSearch(query),
    customSort: custom.sort,
  };
}

/** The list's total under the same gate, filters and search as `listLeads` (`GET /leads/count`). */
export async function countLeads(ctx: ServiceContext, query: LeadListQuery) {
  const { visible, filters, search } = await leadListConditions(ctx, query);
  return countListRows(ctx.db, leads, [visible.all, ...filters, search ?? undefined]);
}

async function leadPage<T>(ctx: ServiceContext, query: LeadListQuery, projection: LeadProjection<T>) {
  const page = await leadRowsPage(ctx, query, projection, []);
  return { data: page.data.map((row) => projection.map(row, ctx.actor)), nextCursor: page.nextCursor };
}

/**
 * A page of the lead export (modules/exports): the list's rows for the same query, in its order, less
 * the leads whose processing is restricted (Art. 18, modules/gdpr), as the columns read them: no API
 * projection per row, which was most of an export's cost (issue #17).
 */
export const listLeadExportRows = <R extends { id: string; sortKey: string }>(
  ctx: ServiceContext,
  query: LeadListQuery,
  read: LeadColumns,
) => leadRowsPage<R>(ctx, query, read, [unrestrictedLead]);

/**
 * The lead export's pages as statements of their own (the CSV's COPY, modules/exports/csv-copy.ts):
 * the list's conditions and page query (leadPageStatement) with the restricted leads left out, for a
 * SELECT list over leads, a cursor of [sortKey, id] and a page size. Null under a custom-field sort,
 * whose pages take more than one statement (the export then reads rows as before).
 */
export async function leadExportStatements(ctx: ServiceContext, query: LeadListQuery) {
  const { visible, filters, search, customSort } = await leadListConditions(ctx, query);
  if (customSort) return null;
  return (select: SQL, cursor: CursorValue[] | null, limit: number) =>
    leadPageStatement(select, {
      visible,
      filters: [...filters, unrestrictedLead],
      search,
      sort: query.sort,
      cursor,
      limit,
    });
}

async function leadRowsPage<R extends { id: string; sortKey: string } = LeadPageRow>(
  ctx: ServiceContext,
  query: LeadListQuery,
  read: LeadColumns,
  also: Parameters<typeof listLeadRows>[1]["filters"],
) {
  const { visible, filters, search, customSort } = await leadListConditions(ctx, query);
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await listLeadRows<R>(ctx.db, {
    visible,
    filters: [...filters, ...also],
    search,
    sort: query.sort,
    customSort,
    cursor,
    limit: query.limit,
    projection: read,
  });
  return toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.id]);
}
