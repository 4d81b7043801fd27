import { LEAD_DATA_FIELDS } from "@domain/leads/lead-fields";
import { leadVisibility, leadVisibilityParts } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import type { Lead, LeadListQuery } from "@shared/schemas/lead";
import { stringify } from "csv-stringify";
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
 * A cell that starts with = + - @ (or tab / carriage return) would be run as a formula by Excel and
 * LibreOffice (CSV injection, OWASP); a leading apostrophe makes it plain text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Streams every lead matching the list filters as CSV, page by page along the same keyset, so memory
 * stays flat whatever the size; the permission gate applies as in the list.
 */
export async function* exportLeadsCsv(ctx: ServiceContext, query: LeadListQuery): AsyncGenerator<string> {
  const stringifier = stringify({ header: true, columns: [...EXPORT_COLUMNS], bom: true });
  const chunks: string[] = [];
  stringifier.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const flush = () => chunks.splice(0).join("");

  let cursor: string | null = null;
  const pageQuery = { ...query, limit: 1000 };
  do {
    const page: { data: Lead[]; nextCursor: string | null } = await leadPage(
      ctx,
      { ...pageQuery, ...(cursor ? { cursor } : { cursor: undefined }) },
      leadProjection(),
    );
    for (const lead of page.data) {
      const record: Record<string, string> = {};
      const flat = {
        ...lead,
        estimatedValue: lead.estimatedValue?.amount ?? "",
        currency: lead.estimatedValue?.currency ?? "",
        tags: lead.tags.join(", "),
      };
      for (const column of EXPORT_COLUMNS) {
        const value = flat[column as keyof typeof flat];
        record[column] = neutralizeFormula(value === null || value === undefined ? "" : String(value));
      }
      stringifier.write(record);
    }
    await new Promise((resolve) => setImmediate(resolve));
    yield flush();
    cursor = page.nextCursor;
  } while (cursor);
  stringifier.end();
  await new Promise((resolve) => stringifier.on("end", resolve));
  yield flush();
}
