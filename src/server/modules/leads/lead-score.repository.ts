import type { DbOrTx } from "@server/db/client";
import { leads } from "@server/db/schema";
import { asc, count, gt, type SQL, sql } from "drizzle-orm";

/** What a lead's score depends on, plus `version` to notice an edit between reading and writing. */
const scoreInputs = {
  id: leads.id,
  version: leads.version,
  source: leads.source,
  bant: leads.bant,
  lifecycleStage: leads.lifecycleStage,
  email: leads.email,
  phone: leads.phone,
  companyName: leads.companyName,
  jobTitle: leads.jobTitle,
  website: leads.website,
  interest: leads.interest,
  estimatedValue: leads.estimatedValue,
  lastActivityAt: leads.lastActivityAt,
};

export interface ScoredLead {
  id: string;
  version: number;
  score: number;
  scoreReasons: unknown[];
}

/** Every lead, deleted ones included (a restored lead shows a true score). */
export async function countAllLeads(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(leads);
  return row?.n ?? 0;
}

/** The next batch of leads in id order (keyset: ids after `afterId`). */
export async function selectScoreInputs(db: DbOrTx, afterId: string | null, limit: number) {
  return db
    .select(scoreInputs)
    .from(leads)
    .where(afterId ? gt(leads.id, afterId) : undefined)
    .orderBy(asc(leads.id))
    .limit(limit);
}

/** Must match the predicate of `leads_recent_activity_idx` word for word, so the planner uses it. */
const HOLDS_RECENCY_POINTS = sql.raw(`score_reasons @> '[{"kind":"recent_activity"}]'::jsonb`);

export interface RecencyCursor {
  /** last_activity_at as PostgreSQL text, so the keyset keeps its microseconds. */
  at: string;
  id: string;
}

/**
 * Leads that hold "recent activity" points although their last activity is older than `before` (the
 * shortest window ago), in (last activity, id) order after `after`; read from the partial index that
 * holds only leads with such points.
 */
export async function selectLapsedRecencyLeads(
  db: DbOrTx,
  before: Date,
  after: RecencyCursor | null,
  limit: number,
) {
  const keyset: SQL | undefined = after
    ? sql`(${leads.lastActivityAt}, ${leads.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select({ ...scoreInputs, lastActivityText: sql<string>`${leads.lastActivityAt}::text` })
    .from(leads)
    .where(
      sql`${HOLDS_RECENCY_POINTS} and ${leads.lastActivityAt} <= ${before} ${keyset ? sql`and ${keyset}` : sql``}`,
    )
    .orderBy(asc(leads.lastActivityAt), asc(leads.id))
    .limit(limit);
}

/**
 * Writes new scores in one statement for the whole batch. Skips a lead whose score and reasons did not
 * change (no dead row for nothing) and one edited since it was read (`version` moved on: that edit
 * scored it itself, under the same rules lock). Neither `version` nor `updated_at` moves: a rescore
 * is not an edit, and an open edit form must not meet a conflict because of it. Answers how many
 * leads changed.
 */
export async function writeLeadScores(db: DbOrTx, scored: readonly ScoredLead[]): Promise<number> {
  if (scored.length === 0) return 0;
  const payload = JSON.stringify(
    scored.map((s) => ({ id: s.id, version: s.version, score: s.score, reasons: s.scoreReasons })),
  );
  const rows = await db
    .update(leads)
    .set({ score: sql`v.score`, scoreReasons: sql`v.reasons` })
    .from(
      sql`jsonb_to_recordset(${payload}::jsonb) as v(id uuid, version integer, score integer, reasons jsonb)`,
    )
    .where(
      sql`${leads.id} = v.id and ${leads.version} = v.version
        and (${leads.score} <> v.score or ${leads.scoreReasons} <> v.reasons)`,
    )
    .returning({ id: leads.id });
  return rows.length;
}
