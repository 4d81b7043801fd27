import { actorFrom } from "@server/access/actor";
import type { Actor } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { updateRecordRow } from "@server/db/record-update";
import { importRows, leads, users } from "@server/db/schema";
import type { JobContext, JobDefinition } from "@server/jobs/job-definition";
import { type LiveMessage, leadChanged } from "@server/live/live-message";
import { publishAll } from "@server/live/publish";
import { audit, fieldChanges } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import type { ImportEntity } from "@shared/schemas/import";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import * as repo from "./import.repository";
import { IMPORT_BATCH } from "./import.service";
import { customFieldsAfter, isCustomTarget } from "./import-custom-fields";
import { recordImportOf } from "./import-entities";
import { applyLeadBatch, planLeadRows } from "./lead-import";
import {
  applyRecordRows,
  planRecordRows,
  type RecordImportSpec,
  releaseExternalId,
  undoRecordRow,
} from "./record-import";
import { createLink } from "./record-links";

interface Step {
  live: LiveMessage[];
}

/**
 * Writes one batch of a running import in the caller's transaction: plans the rows after `done`
 * against the database as it is now, writes them (through the intake pipeline), stores each row's
 * outcome and moves `done` on, all in one commit. A process killed in the middle loses the whole
 * batch and its successor does it again: no row twice, none missing.
 */
async function runBatch(tx: Tx, imp: repo.ImportRow, job: JobContext, opts: BatchOptions): Promise<Step> {
  const rows = await repo.dataRowsAfter(tx, imp.id, imp.done, opts.batchSize);
  const last = rows.at(-1);
  if (!last) {
    await repo.updateImport(tx, imp.id, { status: "done", finishedAt: new Date() });
    return { live: [] };
  }
  const spec = recordImportOf(imp.entity as ImportEntity);
  const applied = spec ? await runRecordBatch(tx, imp, spec, rows, opts) : await runLeadBatch(tx, imp, rows);
  await repo.setRowOutcomes(tx, imp.id, applied.outcomes);
  const counts = { ...imp.counts };
  for (const o of applied.outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  await repo.updateImport(tx, imp.id, { done: last.rowNo, counts });
  await job.checkpoint(tx, { cursor: imp.id, done: last.rowNo, total: imp.total });
  return { live: applied.live };
}

/**
 * A batch of leads, planned once (mapping, intake normalise/identity/routing, duplicates in one query)
 * and written set-based from that plan.
 */
async function runLeadBatch(tx: Tx, imp: repo.ImportRow, rows: repo.ImportDataRow[]) {
  // The importer's team is the channel's team (as a form's is), so the new leads are theirs to see.
  const [creator] = await tx.select({ teamId: users.teamId }).from(users).where(eq(users.id, imp.createdBy));
  const options = { teamId: creator?.teamId ?? null };
  const plans = await planLeadRows(tx, imp, rows, null, options);
  return applyLeadBatch(tx, imp, plans, options);
}

/**
 * A batch of contacts, companies or deals, as the importer: planned against the database as it is now
 * (a duplicate within the batch is found through `seen`, one in an earlier batch in the table), then
 * written row by row through the entity's services.
 */
async function runRecordBatch(
  tx: Tx,
  imp: repo.ImportRow,
  spec: RecordImportSpec,
  rows: repo.ImportDataRow[],
  opts: BatchOptions,
) {
  const ctx = await importerContext(tx, imp, opts);
  const plans = await planRecordRows(tx, ctx, spec, imp, rows, new Map());
  return applyRecordRows(tx, ctx, spec, plans, createLink);
}

/** The importer as a request would see them: their role's rights now (a demoted importer imports less). */
async function importerContext(tx: Tx, imp: repo.ImportRow, opts: BatchOptions): Promise<ServiceContext> {
  const [user] = await tx.select().from(users).where(eq(users.id, imp.createdBy));
  if (!user) throw new Error("the importer is gone");
  const actor = actorFrom(user, {});
  return { db: tx, actor: opts.withRights?.(actor) ?? actor, requestId: `import:${imp.id}` };
}

interface BatchOptions {
  batchSize: number;
  /** The permission matrix's row for the importer (app.permissions.withRights); leads need none. */
  withRights?: (actor: Actor) => Actor;
}

/**
 * Undoes one batch of an import: a lead it created is deleted (soft, audited), a lead it updated
 * gets its old values back; a lead changed after the import (a newer version than the import left)
 * is left as it is and its row says so.
 */
async function undoBatch(tx: Tx, imp: repo.ImportRow, job: JobContext, opts: BatchOptions): Promise<Step> {
  const batchSize = opts.batchSize;
  const rows = await tx
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.importId, imp.id),
        inArray(importRows.outcome, ["create", "linked", "update"]),
        sql`${importRows.detail}->>'undo' is null`,
        gt(importRows.rowNo, 0),
      ),
    )
    .orderBy(asc(importRows.rowNo))
    .limit(batchSize);
  if (rows.length === 0) {
    await repo.updateImport(tx, imp.id, { status: "undone" });
    return { live: [] };
  }
  const spec = recordImportOf(imp.entity as ImportEntity);
  const ctx = { actor: { id: imp.createdBy }, requestId: `import-undo:${imp.id}` };
  const importer = spec ? { ...(await importerContext(tx, imp, opts)), requestId: ctx.requestId } : null;
  const ids = rows.flatMap((r) => (r.recordId ? [r.recordId] : []));
  const current = new Map((spec ? [] : await repo.leadsByIds(tx, ids, true)).map((l) => [l.id, l]));
  const outcomes: Parameters<typeof repo.setRowOutcomes>[2] = [];
  const live: LiveMessage[] = [];
  const counts = { ...imp.counts };
  for (const row of rows) {
    const detail = row.detail ?? {};
    if (spec && importer) {
      const done = await undoRecordRow(tx, importer, spec, row);
      live.push(...done.live);
      counts[`undo_${done.undo}`] = (counts[`undo_${done.undo}`] ?? 0) + 1;
      outcomes.push({
        rowNo: row.rowNo,
        outcome: row.outcome ?? "create",
        detail: { ...detail, undo: done.undo },
        recordId: row.recordId,
      });
      continue;
    }
    const lead = row.recordId ? current.get(row.recordId) : undefined;
    // The version the import left the lead at: 1 when it made it, the stored one when it updated it.
    const leftVersion = row.outcome === "update" ? Number(detail.version) : 1;
    let undo: "removed" | "restored" | "changed_since" | "gone";
    if (!lead || lead.deletedAt) undo = "gone";
    else if (lead.version !== leftVersion) undo = "changed_since";
    else if (row.outcome === "update") {
      const changes = (detail.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const plain = Object.entries(changes).filter(([f]) => !isCustomTarget(f));
      const values: Record<string, unknown> = Object.fromEntries(plain.map(([f, c]) => [f, c.from]));
      const customFields = customFieldsAfter(lead.customFields as Record<string, unknown>, changes, "from");
      if (customFields) values.customFields = customFields;
      const after = await updateRecordRow(tx, leads, lead.id, values);
      await audit(tx, ctx, "lead.updated", after, {
        ...changesBack(Object.fromEntries(plain)),
        ...fieldChanges(lead, after, ["customFields"]),
        undoneImportId: imp.id,
      });
      live.push(leadChanged(after));
      undo = "restored";
    } else {
      await softDelete(tx, ctx, "lead", lead.id);
      await releaseExternalId(tx, "lead", lead.id);
      live.push(leadChanged(lead));
      undo = "removed";
    }
    counts[`undo_${undo}`] = (counts[`undo_${undo}`] ?? 0) + 1;
    outcomes.push({
      rowNo: row.rowNo,
      outcome: row.outcome ?? "create",
      detail: { ...detail, undo },
      recordId: row.recordId,
    });
  }
  await repo.setRowOutcomes(tx, imp.id, outcomes);
  await repo.updateImport(tx, imp.id, { counts });
  await job.checkpoint(tx, { cursor: imp.id, done: rows.at(-1)?.rowNo ?? 0 });
  return { live };
}

const changesBack = (changes: Record<string, { from: unknown; to: unknown }>) =>
  Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, { from: c.to, to: c.from }]));

/**
 * The import job: works on the oldest running (or undoing) import, one batch per transaction, until
 * none is left. The import row is locked for each batch, so a cancel waits for the batch under way
 * and the next batch sees it.
 */
export function importRunJob(
  options: BatchOptions & { publish: (messages: readonly LiveMessage[]) => Promise<void> },
): JobDefinition {
  return {
    name: "import-run",
    async run(job) {
      while (!job.signal.aborted) {
        const id = await repo.nextOpenImport(job.db);
        if (!id) break;
        const step = await job.db.transaction(async (tx) => {
          const imp = await repo.findImport(tx, id, true);
          if (!imp) return { live: [] };
          if (imp.status === "running") return runBatch(tx, imp, job, options);
          if (imp.status === "undoing") return undoBatch(tx, imp, job, options);
          return { live: [] };
        });
        await options.publish(step.live);
      }
    },
  };
}

/** The imports module's background job. */
export function registerImportJobs(app: FastifyInstance): void {
  // PGlite is one connection: a batch holds up every request meanwhile, so its batches are smaller
  // (set-based, a batch of 1,000 costs the statements one of 200 did).
  const batchSize = app.config.importBatch ?? (app.database.kind === "pglite" ? 1000 : IMPORT_BATCH);
  app.jobs.register(
    importRunJob({
      batchSize,
      withRights: (actor) => app.permissions.withRights(actor),
      publish: (messages) => publishAll(app, messages),
    }),
  );
}
