import { rm } from "node:fs/promises";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { field, invalidInput, notFound, ruleViolation } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import { message } from "@shared/message-codes";
import {
  type Import,
  type ImportEntity,
  type ImportMappingInput,
  type ImportOutcome,
  type ImportStatus,
  LEAD_IMPORT_FIELDS,
} from "@shared/schemas/import";
import { type DetectedFile, detectFile, readRows } from "./file-reader";
import * as repo from "./import.repository";
import { autoMapping } from "./import-mapping";
import { planLeadRows } from "./lead-import";

/** Rows read, planned and written per step: one transaction each in the job. */
export const IMPORT_BATCH = 500;

const COUNT_KEYS = ["create", "update", "duplicate", "linked", "error", "skipped"] as const;

/** Only whoever uploaded it, or an admin, sees an import (it holds the file's data). */
async function visibleImport(ctx: ServiceContext, id: string, lock = false) {
  const row = await repo.findImport(ctx.db, id, lock);
  if (!row || (row.createdBy !== ctx.actor.id && ctx.actor.role !== "admin"))
    throw notFound("import_not_found");
  return row;
}

function present(row: repo.ImportRow): Import {
  const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, row.counts[k] ?? 0])) as Record<
    (typeof COUNT_KEYS)[number],
    number
  >;
  const seconds = row.startedAt
    ? ((row.finishedAt ?? new Date()).getTime() - row.startedAt.getTime()) / 1000
    : 0;
  const rate = row.startedAt && seconds > 0 && row.done > 0 ? row.done / seconds : null;
  return {
    id: row.id,
    entity: row.entity as ImportEntity,
    status: row.status as ImportStatus,
    fileName: row.fileName,
    columns: row.columns,
    detected: {
      format: row.format as "csv" | "xlsx",
      encoding: row.encoding,
      delimiter: row.delimiter,
      sheet: row.sheet,
    },
    mapping: row.mapping,
    duplicatePolicy: row.duplicatePolicy as Import["duplicatePolicy"],
    matchOn: row.matchOn,
    counts: { total: row.total, done: row.done, ...counts },
    progress: {
      done: row.done,
      total: row.total,
      rowsPerSecond: rate === null ? null : Math.round(rate),
      secondsLeft: rate && row.status === "running" ? Math.ceil((row.total - row.done) / rate) : null,
    },
    fields: [...LEAD_IMPORT_FIELDS],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    lastError: row.lastError,
  };
}

export interface UploadedFile {
  path: string;
  fileName: string;
}

/**
 * Reads an uploaded file into the import's rows: detects the format (CSV encoding and separator, or
 * an XLSX's sheet), reads the header and streams the rows in, each checked (columns, cell size, NUL).
 * A file that cannot be read answers 422 naming the row and column, and leaves nothing behind.
 */
export async function createImport(
  ctx: ServiceContext,
  entity: ImportEntity,
  file: UploadedFile,
  requested: Partial<DetectedFile>,
): Promise<Import> {
  if (entity !== "lead") throw ruleViolation("import_entity_unsupported", { entity }).at("entity");
  // An import creates records: the matrix's Create right of the entity.
  authorize(ctx, "lead.create");
  const detected = await detectFile(file.path, requested);
  let imp: repo.ImportRow | null = null;
  try {
    let header: string[] | null = null;
    let chunk: string[][] = [];
    let total = 0;
    for await (const cells of readRows(file.path, detected)) {
      if (!header) {
        if (cells.every((c) => c.trim() === "")) continue;
        header = uniqueHeaders(cells);
        imp = await repo.insertImport(ctx.db, {
          entity,
          status: "analysing",
          fileName: file.fileName.slice(0, 255),
          format: detected.format,
          encoding: detected.encoding,
          delimiter: detected.delimiter,
          sheet: detected.sheet,
          columns: header,
          mapping: autoMapping(header),
          matchOn: ["email", "phone"],
          createdBy: ctx.actor.id,
          locale: ctx.actor.locale,
        });
        continue;
      }
      if (cells.every((c) => c.trim() === "")) continue;
      chunk.push(cells);
      if (chunk.length >= 5000 && imp) {
        await repo.insertDataRows(ctx.db, imp.id, total + 1, chunk);
        total += chunk.length;
        chunk = [];
      }
    }
    if (!header || !imp) throw ruleViolation("import_no_header").at("file");
    await repo.insertDataRows(ctx.db, imp.id, total + 1, chunk);
    total += chunk.length;
    await repo.updateImport(ctx.db, imp.id, { status: "mapping", total });
    return present({ ...imp, status: "mapping", total });
  } catch (error) {
    if (imp) await repo.deleteImport(ctx.db, imp.id);
    throw error;
  } finally {
    await rm(file.path, { force: true });
  }
}

/** Blank or repeated headers get a name of their own ("Spalte 3", "E-Mail (2)"), so each column maps. */
function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim() || `#${index + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

export async function getImport(ctx: ServiceContext, id: string): Promise<Import> {
  return present(await visibleImport(ctx, id));
}

/**
 * Saves the mapping and computes the dry run: every row's outcome (create / update with the fields
 * old → new / duplicate of which record by which key / linked / error with field and why) and the
 * counts. Nothing is written to leads.
 */
export async function setMapping(
  ctx: ServiceContext,
  id: string,
  input: ImportMappingInput,
): Promise<Import> {
  const imp = await visibleImport(ctx, id);
  if (!["mapping", "ready"].includes(imp.status))
    throw ruleViolation("import_wrong_state", { status: imp.status });
  const fields = new Set<string>(LEAD_IMPORT_FIELDS);
  const errors = Object.entries(input.columns)
    .filter(([header, f]) => !imp.columns.includes(header) || (f !== null && !fields.has(f)))
    .map(([header, f]) => field(`columns.${header}`, "import_field_unknown", { field: f ?? header }));
  if (errors.length) throw invalidInput(message("request_invalid_field", { part: "body" }), errors);
  const mapping = Object.fromEntries(imp.columns.map((h) => [h, input.columns[h] ?? null]));
  const updated: repo.ImportRow = {
    ...imp,
    mapping,
    duplicatePolicy: input.duplicatePolicy,
    matchOn: input.matchOn,
    valueMapping: input.valueMapping ?? {},
    locale: input.locale ?? imp.locale,
  };
  const counts: Record<string, number> = {};
  const seen = new Map<string, number>();
  let after = 0;
  for (;;) {
    const rows = await repo.dataRowsAfter(ctx.db, id, after, IMPORT_BATCH);
    const last = rows.at(-1);
    if (!last) break;
    const plans = await planLeadRows(ctx.db, updated, rows, seen);
    await repo.setRowOutcomes(
      ctx.db,
      id,
      plans.map((p) => ({ rowNo: p.rowNo, outcome: p.outcome, detail: p.detail, recordId: null })),
    );
    for (const p of plans) counts[p.outcome] = (counts[p.outcome] ?? 0) + 1;
    after = last.rowNo;
  }
  await repo.updateImport(ctx.db, id, {
    mapping,
    duplicatePolicy: input.duplicatePolicy,
    matchOn: input.matchOn,
    valueMapping: updated.valueMapping,
    locale: updated.locale,
    counts,
    status: "ready",
  });
  return present({ ...updated, counts, status: "ready" });
}

export async function listImportRows(
  ctx: ServiceContext,
  id: string,
  query: { outcome?: string | undefined; cursor?: number | undefined; limit: number },
) {
  await visibleImport(ctx, id);
  const rows = await repo.previewRows(ctx.db, id, {
    outcome: query.outcome,
    after: query.cursor ?? 0,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((r) => ({
      rowNo: r.rowNo,
      cells: r.cells,
      outcome: r.outcome as ImportOutcome | null,
      detail: r.detail,
      recordId: r.recordId,
    })),
    nextCursor: rows.length > query.limit && last ? String(last.rowNo) : null,
  };
}

/** Hands the import to the job runner: it writes batch by batch from the first row not yet done. */
export async function startImport(ctx: ServiceContext, id: string): Promise<Import> {
  return ctx.db.transaction(async (tx) => {
    const imp = await visibleImport({ ...ctx, db: tx }, id, true);
    if (imp.status !== "ready") throw ruleViolation("import_wrong_state", { status: imp.status });
    const values = { status: "running", startedAt: new Date(), done: 0, counts: {} } as const;
    await repo.updateImport(tx, id, values);
    await enqueueJob(tx, "import-run");
    return present({ ...imp, ...values });
  });
}

/** Stops the job between two batches: what was written stays (and can be undone). */
export async function cancelImport(ctx: ServiceContext, id: string): Promise<Import> {
  return ctx.db.transaction(async (tx) => {
    const imp = await visibleImport({ ...ctx, db: tx }, id, true);
    if (!["running", "ready", "mapping"].includes(imp.status))
      throw ruleViolation("import_wrong_state", { status: imp.status });
    const values = { status: "cancelled", finishedAt: new Date() } as const;
    await repo.updateImport(tx, id, values);
    return present({ ...imp, ...values });
  });
}

/** Queues the undo: a job removes what the import created and restores what it updated. */
export async function undoImport(ctx: ServiceContext, id: string): Promise<Import> {
  return ctx.db.transaction(async (tx) => {
    const imp = await visibleImport({ ...ctx, db: tx }, id, true);
    if (!["done", "cancelled", "failed"].includes(imp.status) || imp.startedAt === null)
      throw ruleViolation("import_wrong_state", { status: imp.status });
    await repo.updateImport(tx, id, { status: "undoing" });
    await enqueueJob(tx, "import-run");
    return present({ ...imp, status: "undoing" });
  });
}
