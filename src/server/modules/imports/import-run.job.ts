import type { DbOrTx } from "@server/db/client";
import { updateRecordRow } from "@server/db/record-update";
import { importRows, leads } from "@server/db/schema";
import type { JobContext, JobDefinition } from "@server/jobs/job-definition";
import { type LiveMessage, leadChanged } from "@server/live/live-message";
import { publishAll } from "@server/live/publish";
import { audit } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import * as repo from "./import.repository";
import { IMPORT_BATCH } from "./import.service";
import { applyLeadBatch, planLeadRows } from "./lead-import";

interface Step {
  live: LiveMessage[];
}

/**
 * Writes one batch of a running import in the caller's transaction: plans the rows after `done`
 * against the database as it is now, writes them (through the intake pipeline), stores each row's
 * outcome and moves `done` on, all in one commit. A process killed in the middle loses the whole
 * batch and its successor does it again: no row twice, none missing.
 */
async function runBatch(tx: DbOrTx, imp: repo.ImportRow, job: JobContext, batchSize: number): Promise<Step> {
  const rows = await repo.dataRowsAfter(tx, imp.id, imp.done, batchSize);
  const last = rows.at(-1);
  if (!last) {
    await repo.updateImport(tx, imp.id, { status: "done", finishedAt: new Date() });
    return { live: [] };
  }
  const plans = await planLeadRows(tx, imp, rows, null);
  const applied = await applyLeadBatch(tx, imp, plans);
  await repo.setRowOutcomes(tx, imp.id, applied.outcomes);
  const counts = { ...imp.counts };
  for (const o of applied.outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
  await repo.updateImport(tx, imp.id, { done: last.rowNo, counts });
  await job.checkpoint(tx, { cursor: imp.id, done: last.rowNo, total: imp.total });
  return { live: applied.live };
}

/**
 * Undoes one batch of an import: a lead it created is deleted (soft, audited), a lead it updated
 * gets its old values back; a lead changed after the import (a newer version than the import left)
 * is left as it is and its row says so.
 */
async function undoBatch(tx: DbOrTx, imp: repo.ImportRow, job: JobContext, batchSize: number): Promise<Step> {
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
  const ctx = { actor: { id: imp.createdBy }, requestId: `import-undo:${imp.id}` };
  const ids = rows.flatMap((r) => (r.recordId ? [r.recordId] : []));
  const current = new Map((await repo.leadsByIds(tx, ids, true)).map((l) => [l.id, l]));
  const outcomes: Parameters<typeof repo.setRowOutcomes>[2] = [];
  const live: LiveMessage[] = [];
  const counts = { ...imp.counts };
  for (const row of rows) {
    const lead = row.recordId ? current.get(row.recordId) : undefined;
    const detail = row.detail ?? {};
    // The version the import left the lead at: 1 when it made it, the stored one when it updated it.
    const leftVersion = row.outcome === "update" ? Number(detail.version) : 1;
    let undo: "removed" | "restored" | "changed_since" | "gone";
    if (!lead || lead.deletedAt) undo = "gone";
    else if (lead.version !== leftVersion) undo = "changed_since";
    else if (row.outcome === "update") {
      const changes = (detail.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const values = Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.from]));
      const after = await updateRecordRow(tx, leads, lead.id, values);
      await audit(tx, ctx, "lead.updated", after, { ...changesBack(changes), undoneImportId: imp.id });
      live.push(leadChanged(after));
      undo = "restored";
    } else {
      await softDelete(tx, ctx, "lead", lead.id);
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
export function importRunJob(options: {
  batchSize: number;
  publish: (messages: readonly LiveMessage[]) => Promise<void>;
}): JobDefinition {
  return {
    name: "import-run",
    async run(job) {
      while (!job.signal.aborted) {
        const id = await repo.nextOpenImport(job.db);
        if (!id) break;
        const step = await job.db.transaction(async (tx) => {
          const imp = await repo.findImport(tx, id, true);
          if (!imp) return { live: [] };
          if (imp.status === "running") return runBatch(tx, imp, job, options.batchSize);
          if (imp.status === "undoing") return undoBatch(tx, imp, job, options.batchSize);
          return { live: [] };
        });
        await options.publish(step.live);
      }
    },
  };
}

/** The imports module's background job. */
export function registerImportJobs(app: FastifyInstance): void {
  // PGlite is one connection: a batch holds up every request meanwhile, so its batches are smaller.
  const batchSize = app.database.kind === "pglite" ? 200 : IMPORT_BATCH;
  app.jobs.register(importRunJob({ batchSize, publish: (messages) => publishAll(app, messages) }));
}
