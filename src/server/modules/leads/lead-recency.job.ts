import { shortestRecencyWindow } from "@domain/leads/score";
import type { JobDefinition } from "@server/jobs/job-definition";
import { readScoreRulesForWrite } from "@server/modules/settings/settings.service";
import { scoreOf } from "./lead-rules";
import { type RecencyCursor, selectLapsedRecencyLeads, writeLeadScores } from "./lead-score.repository";

const DAY_MS = 86_400_000;
export const RECENCY_EVERY_MS = 3_600_000;

/**
 * "Recent activity" points lapse by themselves when a lead stays quiet past the rule's window; no
 * write happens then. Hourly (and at start) this job rescores the leads that still hold such points
 * although their last activity is older than the shortest window: few, found through the partial
 * index that holds only leads with those points. Batches as in the rescore job.
 */
export function leadRecencyJob(options: { batchSize?: number } = {}): JobDefinition {
  const batchSize = options.batchSize ?? 1000;
  return {
    name: "lead-recency",
    everyMs: RECENCY_EVERY_MS,
    atStart: true,
    async run(ctx) {
      let cursor: RecencyCursor | null = null;
      let done = 0;
      let changed = 0;
      while (!ctx.signal.aborted) {
        const batch = await ctx.db.transaction(async (tx) => {
          const rules = await readScoreRulesForWrite(tx);
          const window = shortestRecencyWindow(rules) ?? 0;
          const before = new Date(Date.now() - window * DAY_MS);
          const rows = await selectLapsedRecencyLeads(tx, before, cursor, batchSize);
          const last = rows.at(-1);
          if (!last) return null;
          const written = await writeLeadScores(
            tx,
            rows.map((row) => ({ id: row.id, version: row.version, ...scoreOf(row, rules) })),
          );
          const next = { at: last.lastActivityText, id: last.id };
          await ctx.checkpoint(tx, { cursor: `${next.at}|${next.id}`, done: done + rows.length });
          return { next, count: rows.length, written };
        });
        if (!batch) break;
        cursor = batch.next;
        done += batch.count;
        changed += batch.written;
      }
      if (changed > 0) ctx.log.info({ leads: changed }, "lapsed recent-activity points removed");
    },
  };
}
