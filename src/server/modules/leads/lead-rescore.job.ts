import type { JobDefinition } from "@server/jobs/job-definition";
import { readScoreRulesForWrite } from "@server/modules/settings/settings.service";
import { scoreOf } from "./lead-rules";
import { countAllLeads, selectScoreInputs, writeLeadScores } from "./lead-score.repository";

/**
 * Rescores every lead after the score rules changed (queued by the settings change in its own
 * transaction). Keyset over id in batches, one transaction per batch: read the rules under their
 * shared lock, read the batch, write the changed scores in one statement, save the cursor. A process
 * that stops in the middle hands the job on; the next one resumes after the last saved id.
 */
export function leadRescoreJob(options: { batchSize?: number } = {}): JobDefinition {
  const batchSize = options.batchSize ?? 1000;
  return {
    name: "lead-rescore",
    async run(ctx) {
      let { cursor, done } = ctx.resumeFrom;
      let total = ctx.resumeFrom.total ?? (await countAllLeads(ctx.db));
      const started = Date.now();
      let changed = 0;
      while (!ctx.signal.aborted) {
        const batch = await ctx.db.transaction(async (tx) => {
          const rules = await readScoreRulesForWrite(tx);
          const rows = await selectScoreInputs(tx, cursor, batchSize);
          const last = rows.at(-1);
          if (!last) return null;
          const written = await writeLeadScores(
            tx,
            rows.map((row) => ({ id: row.id, version: row.version, ...scoreOf(row, rules) })),
          );
          // Leads created meanwhile may push the count past the first estimate.
          total = Math.max(total, done + rows.length);
          await ctx.checkpoint(tx, { cursor: last.id, done: done + rows.length, total });
          return { last: last.id, count: rows.length, written };
        });
        if (!batch) break;
        cursor = batch.last;
        done += batch.count;
        changed += batch.written;
      }
      if (ctx.signal.aborted) return;
      ctx.log.info({ leads: done, changed, ms: Date.now() - started }, "lead scores recalculated");
      // PGlite has no autovacuum daemon to refresh the planner's statistics after a big rewrite.
      if (ctx.kind === "pglite" && changed > 0) await ctx.enqueue("pglite-analyze");
    },
  };
}
