import type { Readable } from "node:stream";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { castsCleanly, decodeCursor, encodeCursor, invalidCursor } from "@server/db/keyset";
import { auditLog, users } from "@server/db/schema";
import { loadExportLookups } from "@server/modules/exports/export-lookups.repository";
import { type ExportColumn, type ExportFormat, exportTable } from "@server/modules/exports/table-export";
import type { AuditEntry, AuditExportQuery, AuditListQuery } from "@shared/schemas/audit";
import { and, desc, eq, gte, like, lte, type SQL, sql } from "drizzle-orm";

type AuditFilters = Omit<AuditListQuery, "limit" | "cursor">;

/** The WHERE of the filters; each has an index that also serves the newest-first order. */
function filterWhere(query: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.entity) where.push(eq(auditLog.entityType, query.entity));
  if (query.recordId) where.push(eq(auditLog.entityId, query.recordId));
  if (query.action) {
    // A verb alone (`deleted`) matches it on every record type; the schema allows no LIKE wildcards but `_`.
    where.push(
      query.action.includes(".")
        ? eq(auditLog.action, query.action)
        : like(auditLog.action, `%.${query.action.replace(/_/g, "\\_")}`),
    );
  }
  if (query.from) where.push(gte(auditLog.createdAt, new Date(query.from)));
  if (query.to) where.push(lte(auditLog.createdAt, new Date(query.to)));
  return where;
}

/**
 * The cursor is [created_at as PostgreSQL's text (microseconds kept), id]: anything else, or a
 * value PostgreSQL could not cast, is a 400 before any SQL runs.
 */
function afterCursor(cursor: string): SQL {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== "string" || !castsCleanly(at, "timestamptz")) throw invalidCursor();
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) throw invalidCursor();
  const time = sql`cast(${at} as timestamptz)`;
  return sql`(${auditLog.createdAt}, ${auditLog.id}) < (${time}, ${id})`;
}

/**
 * `GET /api/v1/audit`: every change, newest first, for admins. Keyset on (created_at, id), so page
 * 1,000 costs what page 1 costs.
 */
export async function listAuditTrail(
  ctx: ServiceContext,
  query: AuditListQuery,
): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  authorize(ctx, "audit.read");
  const where = filterWhere(query);
  if (query.cursor) where.push(afterCursor(query.cursor));
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      atText: sql<string>`${auditLog.createdAt}::text`,
      actorId: auditLog.actorId,
      actorName: users.name,
      action: auditLog.action,
      entity: auditLog.entityType,
      recordId: auditLog.entityId,
      changes: auditLog.changes,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(({ atText: _, at, ...entry }) => ({ ...entry, at: at.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.atText, last.id]) : null,
  };
}

/** `field: from → to` per changed field, or the details as JSON (a conversion, a merge). */
export function describeChanges(changes: unknown): string {
  if (changes === null || changes === undefined) return "";
  if (typeof changes !== "object" || Array.isArray(changes)) return JSON.stringify(changes);
  const show = (v: unknown) =>
    v === null || v === undefined ? "–" : typeof v === "string" ? v : JSON.stringify(v);
  return Object.entries(changes)
    .map(([key, value]) =>
      value !== null && typeof value === "object" && ("from" in value || "to" in value)
        ? `${key}: ${show((value as { from?: unknown }).from)} → ${show((value as { to?: unknown }).to)}`
        : `${key}: ${show(value)}`,
    )
    .join("\n");
}

const AUDIT_COLUMNS: ExportColumn<AuditEntry>[] = [
  { key: "at", label: "audit.fields.at", kind: { type: "dateTime" }, value: (e) => e.at },
  {
    key: "actorId",
    label: "audit.fields.actor",
    kind: { type: "ref", lookup: "users" },
    value: (e) => e.actorId,
  },
  { key: "action", label: "audit.fields.action", kind: { type: "text" }, value: (e) => e.action },
  {
    key: "entity",
    label: "audit.fields.entity",
    kind: { type: "choice", labels: "audit.entities" },
    value: (e) => e.entity,
  },
  { key: "recordId", label: "audit.fields.recordId", kind: { type: "text" }, value: (e) => e.recordId },
  {
    key: "changes",
    label: "audit.fields.changes",
    kind: { type: "text" },
    value: (e) => describeChanges(e.changes),
  },
  { key: "requestId", label: "audit.fields.requestId", kind: { type: "text" }, value: (e) => e.requestId },
];

/** Rows per keyset page of the export walk (flat memory whatever the size). */
const EXPORT_PAGE = 1000;

/**
 * `GET /api/v1/audit/export.csv|xlsx`: the filtered trail through the exports engine, streamed page
 * by page along the list's own keyset. Refused before the first byte for anyone but an admin.
 */
export function exportAuditTrail(
  ctx: ServiceContext,
  format: ExportFormat,
  query: AuditExportQuery,
): Readable {
  authorize(ctx, "audit.read");
  const { locale, ...filters } = query;
  return exportTable({
    format,
    locale: locale ?? "raw",
    columns: AUDIT_COLUMNS,
    page: (cursor) => listAuditTrail(ctx, { ...filters, limit: EXPORT_PAGE, cursor: cursor ?? undefined }),
    lookups: () => loadExportLookups(ctx.db),
    sheet: "audit",
  });
}
