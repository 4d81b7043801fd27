import { normalizePhone } from "@domain/phone-number";
import type { JobDefinition } from "@server/jobs/job-definition";
import { PHONE_TABLES, selectPhonesWithoutE164, writeE164 } from "./phone-backfill.repository";

/**
 * Stores the E.164 form of every phone typed before it was kept (issue #20 point 4): companies had
 * none before, and rows written by SQL or old imports may lack it. SQL cannot parse phone numbers,
 * so this runs once at each start instead of in a migration, in id-ordered batches; a row whose
 * text is no phone number keeps null and is only looked at again at the next start.
 */
export function phoneBackfillJob(options: { batchSize?: number } = {}): JobDefinition {
  const batchSize = options.batchSize ?? 1000;
  return {
    name: "phone-e164-backfill",
    atStart: true,
    async run(ctx) {
      let done = 0;
      for (const which of PHONE_TABLES) {
        let after: string | null = null;
        while (!ctx.signal.aborted) {
          const last = await ctx.db.transaction(async (tx) => {
            const rows = await selectPhonesWithoutE164(tx, which, after, batchSize);
            const parsed = rows.flatMap((r) => {
              const e164 = normalizePhone(r.phone);
              return e164 ? [{ id: r.id, e164 }] : [];
            });
            await writeE164(tx, which, parsed);
            done += parsed.length;
            await ctx.checkpoint(tx, { cursor: null, done });
            return rows.at(-1)?.id ?? null;
          });
          if (!last) break;
          after = last;
        }
      }
      if (done > 0) ctx.log.info({ phones: done }, "E.164 forms of earlier phones stored");
    },
  };
}
