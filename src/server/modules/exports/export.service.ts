import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Action } from "@domain/policy/policy";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { listActivities } from "@server/modules/activities/activity.service";
import { listCompanies } from "@server/modules/companies/company.service";
import { listContacts } from "@server/modules/contacts/contact.service";
import { definitionsOf } from "@server/modules/custom-fields/record-custom-fields";
import type { DealListQuery } from "@server/modules/deals/deal-list.repository";
import { listDeals } from "@server/modules/deals/deal-query.service";
import { withoutRestricted } from "@server/modules/gdpr/restriction-guard";
import { listLeadExportRows } from "@server/modules/leads/lead-query.service";
import type { ActivityListQuery } from "@shared/schemas/activity";
import type { CompanyListQuery } from "@shared/schemas/company";
import type { ContactListQuery } from "@shared/schemas/contact";
import type { CustomFieldEntity } from "@shared/schemas/custom-field";
import type { ExportableList, ExportOptions } from "@shared/schemas/export";
import type { LeadListQuery } from "@shared/schemas/lead";
import pg from "pg";
import { leadCsvByCopy } from "./csv-copy";
import { customFieldColumns } from "./custom-field-columns";
import {
  ACTIVITY_COLUMNS,
  COMPANY_COLUMNS,
  CONTACT_COLUMNS,
  DEAL_COLUMNS,
  LEAD_COLUMNS,
  LEAD_EXPORT_READ,
  type LeadExportRow,
} from "./export-columns";
import { loadExportLookups } from "./export-lookups.repository";
import { type ExportColumn, type ExportFormat, type ExportPage, exportTable } from "./table-export";

/**
 * Rows per keyset page of an export walk: a page's rows and cells then die young (5,000 outlived the
 * young generation and made the collector copy and promote them: peak RSS 670-750 MB against 500-620 MB
 * at 100k leads, CPU within the noise). The price: five times the page queries, each an index range
 * scan planned anew (~4 ms of planning under load, BENCHMARKS.md).
 */
const EXPORT_PAGE = 1000;

/** The columns a `columns=` list picks, in the file's order; all when none are named. */
function pickColumns<T>(all: ExportColumn<T>[], wanted: string[] | undefined): ExportColumn<T>[] {
  if (!wanted?.length) return all;
  const picked = all.filter((c) => wanted.includes(c.key));
  return picked.length ? picked : all;
}

type Paged<Q> = Q & { limit: number; cursor: string | undefined };

/**
 * One list's export: its columns and its own list function, so the permission gate and the
 * filters apply exactly as in the list; the keyset walk keeps memory flat.
 */
function walk<T, Q>(
  ctx: ServiceContext,
  format: ExportFormat,
  name: ExportableList,
  columns: ExportColumn<T>[],
  list: (ctx: ServiceContext, query: Paged<Q>) => Promise<ExportPage<T>>,
  query: Q & ExportOptions,
): Readable {
  const { locale, columns: wanted, ...filters } = query;
  return exportTable({
    format,
    locale: locale ?? "raw",
    columns: pickColumns(columns, wanted),
    page: (cursor) => list(ctx, { ...(filters as Q), limit: EXPORT_PAGE, cursor: cursor ?? undefined }),
    lookups: () => loadExportLookups(ctx.db),
    sheet: name,
  });
}

/**
 * A record list's export with one column per live custom field of its entity after the built-in
 * ones. The definitions are read (not taken from the app's cache, which may not have loaded yet)
 * before the first byte, so the stream starts once they are known.
 */
function walkWithCustomFields<T extends { customFields?: unknown }, Q>(
  ctx: ServiceContext,
  entity: CustomFieldEntity,
  columns: ExportColumn<T>[],
  format: ExportFormat,
  name: ExportableList,
  list: (ctx: ServiceContext, query: Paged<Q>) => Promise<ExportPage<T>>,
  query: Q & ExportOptions,
): Readable {
  const out = new PassThrough();
  definitionsOf(ctx, ctx.db, entity, true)
    .then((definitions) =>
      pipeline(
        walk(ctx, format, name, [...columns, ...customFieldColumns<T>(entity, definitions)], list, query),
        out,
      ),
    )
    .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

type Filters<Q> = Omit<Q, "limit" | "cursor"> & ExportOptions;
export type ExportQuery =
  | { list: "leads"; query: Filters<LeadListQuery> }
  | { list: "contacts"; query: Filters<ContactListQuery> }
  | { list: "companies"; query: Filters<CompanyListQuery> }
  | { list: "deals"; query: Filters<DealListQuery> }
  | { list: "activities"; query: Filters<ActivityListQuery> };

/** The permission matrix's Export right of each list. */
const EXPORT_ACTION = {
  leads: "lead.export",
  contacts: "contact.export",
  companies: "company.export",
  deals: "deal.export",
  activities: "activity.export",
} as const satisfies Record<ExportQuery["list"], Action>;

/**
 * Streams one list as CSV or XLSX: the list's filters (or the selected `ids`), the view's columns,
 * in the user's locale (`raw` without one).
 */
export function exportList(ctx: ServiceContext, format: ExportFormat, input: ExportQuery): Readable {
  authorize(ctx, EXPORT_ACTION[input.list]);
  switch (input.list) {
    case "leads":
      return format === "csv" ? leadCsv(ctx, input.query) : leadWalk(ctx, format, input.query);
    case "contacts":
      return walkWithCustomFields(
        ctx,
        "contact",
        CONTACT_COLUMNS,
        format,
        "contacts",
        unrestricted("contact", listContacts),
        input.query,
      );
    case "companies":
      return walkWithCustomFields(
        ctx,
        "company",
        COMPANY_COLUMNS,
        format,
        "companies",
        listCompanies,
        input.query,
      );
    case "deals":
      return walkWithCustomFields(ctx, "deal", DEAL_COLUMNS, format, "deals", listDeals, input.query);
    case "activities":
      return walk(ctx, format, "activities", ACTIVITY_COLUMNS, listActivities, input.query);
    default:
      return input satisfies never;
  }
}

const leadWalk = (ctx: ServiceContext, format: ExportFormat, query: Filters<LeadListQuery>) =>
  walkWithCustomFields(ctx, "lead", LEAD_COLUMNS, format, "leads", leadExportRows, query);

/**
 * Whether the lead CSV may be written by PostgreSQL (csv-copy.ts). `LEADWERK_EXPORT_COPY=off` keeps
 * the JS path, which stays the reference: csv-copy.postgres.test.ts compares the two, and the bench
 * measures both on one build.
 */
const copyAllowed = () => process.env.LEADWERK_EXPORT_COPY !== "off";

/** COPY exports running per pool. */
const copying = new WeakMap<pg.Pool, number>();
/** How many lead CSVs the database has written with COPY in this process (the parity test reads it). */
export const copyExports = { started: 0 };

/**
 * The lead CSV: on PostgreSQL written by the database with COPY, page by page (csv-copy.ts); on
 * PGlite, under a custom-field sort or with the COPY turned off, through the JS walk.
 */
function leadCsv(ctx: ServiceContext, query: Filters<LeadListQuery>): Readable {
  const client = (ctx.db as unknown as { $client: unknown }).$client;
  if (!(client instanceof pg.Pool) || !copyAllowed()) return leadWalk(ctx, "csv", query);
  const pool = client;
  // A COPY holds its connection while the client reads the page (a slow download: many seconds), so
  // COPY exports take at most a quarter of the pool; more at once take the JS path, whose queries
  // hold a connection only for a 1,000-row read.
  const running = copying.get(pool) ?? 0;
  if (running >= Math.max(1, Math.floor(pool.options.max / 4))) return leadWalk(ctx, "csv", query);
  copying.set(pool, running + 1);
  const out = new PassThrough();
  let done = false;
  const finished = () => {
    if (done) return;
    done = true;
    copying.set(pool, (copying.get(pool) ?? 1) - 1);
  };
  out.once("close", finished);
  out.once("error", finished);
  definitionsOf(ctx, ctx.db, "lead", true)
    .then(async (definitions) => {
      const { locale, columns: wanted, ...filters } = query;
      const columns = pickColumns(
        [...LEAD_COLUMNS, ...customFieldColumns<LeadExportRow>("lead", definitions)],
        wanted,
      );
      const copied = await leadCsvByCopy(ctx, pool, {
        locale: locale ?? "raw",
        columns,
        definitions,
        query: filters,
      });
      if (copied) copyExports.started++;
      await pipeline(
        copied
          ? Readable.from(copied, { highWaterMark: 1 })
          : walk(ctx, "csv", "leads", columns, leadExportRows, query),
        out,
      );
    })
    .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** A list's pages without the people whose processing is restricted (Art. 18, modules/gdpr). */
const unrestricted =
  <T extends { id: string }, Q>(
    type: "lead" | "contact",
    list: (ctx: ServiceContext, query: Q) => Promise<ExportPage<T>>,
  ) =>
  async (ctx: ServiceContext, query: Q): Promise<ExportPage<T>> =>
    withoutRestricted(ctx.db, type, await list(ctx, query));

/**
 * The leads of the list with the columns the export writes, as read (no API projection per row), the
 * restricted ones left out in the page's query itself.
 */
const leadExportRows = (ctx: ServiceContext, query: LeadListQuery) =>
  listLeadExportRows<LeadExportRow>(ctx, query, LEAD_EXPORT_READ);
