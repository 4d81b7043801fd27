import { rm } from "node:fs/promises";
import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { field, invalidInput, notFound, ruleViolation } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import { definitionsOf } from "@server/modules/custom-fields/record-custom-fields";
import { message } from "@shared/message-codes";
import {
  DEFAULT_MATCH_ON,
  IMPORT_FIELDS,
  IMPORT_MATCH_KEYS,
  type Import,
  type ImportEntity,
  type ImportMappingInput,
  type ImportOutcome,
  type ImportStatus,
  type LinkPolicy,
} from "@shared/schemas/import";
import { type DetectedFile, detectFile, readRows } from "./file-reader";
import * as repo from "./import.repository";
import { customAutoMapping, customTargets, isCustomTarget } from "./import-custom-fields";
import { recordImportOf } from "./import-entities";
import { autoMapping } from "./import-mapping";
import { distinctValues, findTemplate } from "./import-template.repository";
import { templateFor } from "./import-template.service";
import { planLeadRows } from "./lead-import";
import { planRecordRows } from "./record-import";
import { xlsxSheetNames } from "./xlsx-sheets";

/**
 * Rows read, planned and written per step: one transaction each in the job. Set-based, a batch costs a
 * fixed number of statements, so thousands of rows share them (issue #17: 1M rows at ≥ 50,000 rows/s).
 */
export const IMPORT_BATCH = 5000;

const COUNT_KEYS = ["create", "update", "duplicate", "linked", "error", "skipped"] as const;

/** Only whoever uploaded it, or an admin, sees an import (it holds the file's data). */
async function visibleImport(ctx: ServiceContext, id: string, lock = false) {
  const row = await repo.findImport(ctx.db, id, lock);
  if (!row || (row.createdBy !== ctx.actor.id && ctx.actor.role !== "admin"))
    throw notFound("import_not_found");
  return row;
}

/** Per entity: the choice fields a file value can be mapped to, with their codes. */
function choicesOf(entity: ImportEntity): Record<string, string[]> {
  const spec = recordImportOf(entity);
  if (!spec) return { source: [...LEAD_SOURCES] };
  return Object.fromEntries(Object.entries(spec.choices).map(([f, codes]) => [f, [...codes]]));
}

function present(row: repo.ImportRow, template: { id: string; name: string } | null = null): Import {
  const entity = row.entity as ImportEntity;
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
    entity,
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
    valueMapping: row.valueMapping,
    linkPolicy: row.linkPolicy as LinkPolicy,
    sheets: row.sheets,
    template,
    counts: { total: row.total, done: row.done, ...counts },
    progress: {
      done: row.done,
      total: row.total,
      rowsPerSecond: rate === null ? null : Math.round(rate),
      secondsLeft: rate && row.status === "running" ? Math.ceil((row.total - row.done) / rate) : null,
    },
    fields: [...IMPORT_FIELDS[entity]],
    matchKeys: [...IMPORT_MATCH_KEYS[entity]],
    choices: choicesOf(entity),
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
  // An import creates records: the matrix's Create right of the entity (each row's change step checks Edit).
  authorize(ctx, `${entity}.create`);
  const detected = await detectFile(file.path, requested);
  // An XLSX's sheets are listed, so the user can pick another than the first (issue #17).
  const sheets = detected.format === "xlsx" ? await xlsxSheetNames(file.path) : [];
  let imp: repo.ImportRow | null = null;
  try {
    let header: string[] | null = null;
    let template: Awaited<ReturnType<typeof templateFor>> = null;
    let chunk: string[][] = [];
    let total = 0;
    for await (const cells of readRows(file.path, detected)) {
      if (!header) {
        if (cells.every((c) => c.trim() === "")) continue;
        header = uniqueHeaders(cells);
        // A saved mapping whose columns the file has is applied at once (and named in the answer).
        template = await templateFor(ctx, entity, header);
        // Headers naming a custom field (its label, as our export writes it) map to `cf.<key>`.
        const auto = customAutoMapping(
          autoMapping(header, entity),
          await definitionsOf(ctx, ctx.db, entity, true),
        );
        imp = await repo.insertImport(ctx.db, {
          entity,
          status: "analysing",
          fileName: file.fileName.slice(0, 255),
          format: detected.format,
          encoding: detected.encoding,
          delimiter: detected.delimiter,
          sheet: detected.sheet,
          sheets,
          columns: header,
          mapping: template ? { ...auto, ...template.mapping } : auto,
          matchOn: template ? template.matchOn : DEFAULT_MATCH_ON[entity],
          ...(template && {
            valueMapping: template.valueMapping,
            duplicatePolicy: template.duplicatePolicy,
            linkPolicy: template.linkPolicy,
            templateId: template.id,
          }),
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
    return present({ ...imp, status: "mapping", total }, template);
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
  const row = await visibleImport(ctx, id);
  return present(row, await templateOf(ctx, row));
}

async function templateOf(ctx: ServiceContext, row: repo.ImportRow) {
  const template = row.templateId ? await findTemplate(ctx.db, row.templateId) : undefined;
  return template ? { id: template.id, name: template.name } : null;
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
  const entity = imp.entity as ImportEntity;
  const custom = Object.values(input.columns).some(isCustomTarget)
    ? await customTargets(ctx.db, entity)
    : new Set<string>();
  const fields = new Set<string>([...IMPORT_FIELDS[entity], ...custom]);
  const keys = new Set<string>(IMPORT_MATCH_KEYS[entity]);
  const errors = Object.entries(input.columns)
    .filter(([header, f]) => !imp.columns.includes(header) || (f !== null && !fields.has(f)))
    .map(([header, f]) => field(`columns.${header}`, "import_field_unknown", { field: f ?? header }));
  input.matchOn.forEach((key, i) => {
    if (!keys.has(key)) errors.push(field(`matchOn.${i}`, "invalid"));
  });
  if (errors.length) throw invalidInput(message("request_invalid_field", { part: "body" }), errors);
  const mapping = Object.fromEntries(imp.columns.map((h) => [h, input.columns[h] ?? null]));
  const updated: repo.ImportRow = {
    ...imp,
    mapping,
    duplicatePolicy: input.duplicatePolicy,
    matchOn: input.matchOn,
    valueMapping: input.valueMapping ?? {},
    linkPolicy: input.linkPolicy,
    locale: input.locale ?? imp.locale,
  };
  const spec = recordImportOf(entity);
  const counts: Record<string, number> = {};
  const seen = new Map<string, number>();
  let after = 0;
  for (;;) {
    const rows = await repo.dataRowsAfter(ctx.db, id, after, IMPORT_BATCH);
    const last = rows.at(-1);
    if (!last) break;
    const plans = spec
      ? await planRecordRows(ctx.db, ctx, spec, updated, rows, seen)
      : await planLeadRows(ctx.db, updated, rows, seen);
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
    linkPolicy: input.linkPolicy,
    locale: updated.locale,
    counts,
    status: "ready",
  });
  return present({ ...updated, counts, status: "ready" }, await templateOf(ctx, imp));
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

/** The distinct values of a column (the most frequent first): each gets a select in the value mapping. */
export async function columnValues(ctx: ServiceContext, id: string, column: string) {
  const imp = await visibleImport(ctx, id);
  const index = imp.columns.indexOf(column);
  if (index < 0)
    throw invalidInput(message("request_invalid_field", { part: "query" }), [field("column", "invalid")]);
  return { data: await distinctValues(ctx.db, id, index, 200) };
}
