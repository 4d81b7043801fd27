import type { Bant } from "@domain/leads/bant";
import type { LeadSource } from "@domain/leads/lead-source";
import type { WinFeatureInput, WinModelField } from "@domain/leads/win-model/win-features";
import type { WinExample, WinTrainingResult } from "@domain/leads/win-model/win-model";
import { WIN_MODEL_MAX_EXAMPLES } from "@domain/leads/win-model/win-model";
import type { DbOrTx } from "@server/db/client";
import { prepared } from "@server/db/prepared";
import { activities, backgroundJobs, deals, leads, leadWinModels, settings } from "@server/db/schema";
import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";

/** The admin's choice of lead fields lives in the settings table under this key (ours alone). */
const FIELDS_KEY = "winModelFields";
/** Training runs kept for the report's history; older ones are pruned by the job. */
const KEEP_RUNS = 30;

const present = (column: unknown) => sql<boolean>`(${column} is not null and ${column}::text <> '')`;

/** Everything the features need of a lead, activity counts and the first activity included (activities_lead_idx). */
const featureColumns = {
  id: leads.id,
  source: leads.source,
  bant: leads.bant,
  createdAt: leads.createdAt,
  malAt: leads.malAt,
  mqlAt: leads.mqlAt,
  salAt: leads.salAt,
  sqlAt: leads.sqlAt,
  activityCount: sql<number>`(select count(*)::int from ${activities} a
    where a.lead_id = ${leads.id} and a.deleted_at is null)`,
  firstActivityAt: sql<
    number | null
  >`(select extract(epoch from min(a.created_at))::float8 from ${activities} a
    where a.lead_id = ${leads.id} and a.deleted_at is null)`,
  email: present(leads.email),
  phone: sql<boolean>`(${present(leads.phone)} or ${present(leads.mobile)})`,
  companyName: present(leads.companyName),
  jobTitle: present(leads.jobTitle),
  website: present(leads.website),
  interest: present(leads.interest),
  estimatedValue: sql<boolean>`(${leads.estimatedValue} is not null)`,
};

interface FeatureRow {
  source: string;
  bant: unknown;
  createdAt: Date;
  malAt: Date | null;
  mqlAt: Date | null;
  salAt: Date | null;
  sqlAt: Date | null;
  activityCount: number;
  /** Seconds since the epoch. */
  firstActivityAt: number | null;
  email: boolean;
  phone: boolean;
  companyName: boolean;
  jobTitle: boolean;
  website: boolean;
  interest: boolean;
  estimatedValue: boolean;
}

function toInput(row: FeatureRow): WinFeatureInput {
  const bant = row.bant as Partial<Bant> | null;
  const met = (c: keyof Bant) => bant?.[c]?.state === "met";
  return {
    source: row.source as LeadSource,
    bantMet: {
      budget: met("budget"),
      authority: met("authority"),
      need: met("need"),
      timeline: met("timeline"),
    },
    createdAt: row.createdAt,
    malAt: row.malAt,
    mqlAt: row.mqlAt,
    salAt: row.salAt,
    sqlAt: row.sqlAt,
    activityCount: Number(row.activityCount),
    firstActivityAt: row.firstActivityAt === null ? null : new Date(Number(row.firstActivityAt) * 1000),
    present: {
      email: row.email,
      phone: row.phone,
      companyName: row.companyName,
      jobTitle: row.jobTitle,
      website: row.website,
      interest: row.interest,
      estimatedValue: row.estimatedValue,
    },
  };
}

/**
 * The team's finished leads, newest outcome first: converted leads whose deal was won (1) or lost (0)
 * and disqualified (dead) leads (0). Open leads, and converted ones whose deal is still open, teach nothing yet.
 */
export async function selectWinExamples(db: DbOrTx): Promise<WinExample[]> {
  const rows = await db
    .select({ ...featureColumns, dealStatus: deals.status, status: leads.status })
    .from(leads)
    .leftJoin(deals, and(eq(deals.id, leads.convertedDealId), isNull(deals.deletedAt)))
    .where(
      and(
        isNull(leads.deletedAt),
        or(
          eq(leads.status, "dead"),
          and(eq(leads.status, "converted"), inArray(deals.status, ["won", "lost"])),
        ),
      ),
    )
    .orderBy(desc(sql`coalesce(${leads.convertedAt}, ${leads.updatedAt})`), desc(leads.id))
    .limit(WIN_MODEL_MAX_EXAMPLES);
  return rows.map((row) => ({
    id: row.id,
    input: toInput(row),
    won: row.status === "converted" && row.dealStatus === "won",
  }));
}

/** One lead's feature input; the caller has passed the lead through the permission gate. */
export async function selectWinInput(db: DbOrTx, leadId: string): Promise<WinFeatureInput | null> {
  // Prepared: every GET /leads/{id} asks it while a model is published (db/prepared.ts).
  const query = prepared(db, "win_input", (d, name) =>
    d
      .select(featureColumns)
      .from(leads)
      .where(eq(leads.id, sql.placeholder("id")))
      .prepare(name),
  );
  const [row] = await query.execute({ id: leadId });
  return row ? toInput(row) : null;
}

export type WinModelRow = typeof leadWinModels.$inferSelect;

export async function selectLatestWinModel(db: DbOrTx): Promise<WinModelRow | null> {
  // Prepared: every GET /leads/{id} asks it (db/prepared.ts).
  const query = prepared(db, "win_model_latest", (d, name) =>
    d
      .select()
      .from(leadWinModels)
      .orderBy(desc(leadWinModels.trainedAt), desc(leadWinModels.id))
      .limit(1)
      .prepare(name),
  );
  const [row] = await query.execute();
  return row ?? null;
}

export async function insertWinModel(
  db: DbOrTx,
  result: WinTrainingResult,
  fields: readonly WinModelField[],
  trainedAt: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(leadWinModels).values({
      trainedAt,
      state: result.state,
      examples: result.examples,
      won: result.won,
      trainCount: result.trainCount,
      holdoutCount: result.holdoutCount,
      auc: result.auc,
      model: result.model,
      calibration: result.calibration,
      fields: [...fields],
    });
    const [oldest] = await tx
      .select({ id: leadWinModels.id })
      .from(leadWinModels)
      .orderBy(desc(leadWinModels.trainedAt), desc(leadWinModels.id))
      .offset(KEEP_RUNS - 1)
      .limit(1);
    if (oldest) await tx.delete(leadWinModels).where(lt(leadWinModels.id, oldest.id));
  });
}

export async function selectWinModelFields(db: DbOrTx): Promise<unknown> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, FIELDS_KEY));
  return row?.value;
}

export async function upsertWinModelFields(db: DbOrTx, fields: readonly WinModelField[]): Promise<void> {
  await db
    .insert(settings)
    .values({ key: FIELDS_KEY, value: [...fields] })
    .onConflictDoUpdate({ target: settings.key, set: { value: [...fields], updatedAt: sql`now()` } });
}

/**
 * The training an admin asked for or that ran last (queued and due, running, or finished), and when
 * the next nightly one is due. The runner queues the next periodic run as soon as one ends, so the
 * newest row alone would always say "queued".
 */
export async function selectWinTrainingJobs(db: DbOrTx, name: string) {
  const [current] = await db
    .select({
      state: backgroundJobs.state,
      createdAt: backgroundJobs.createdAt,
      finishedAt: backgroundJobs.finishedAt,
    })
    .from(backgroundJobs)
    .where(
      and(
        eq(backgroundJobs.name, name),
        sql`not (${backgroundJobs.state} = 'queued' and ${backgroundJobs.runAfter} > now())`,
      ),
    )
    .orderBy(desc(backgroundJobs.id))
    .limit(1);
  const [next] = await db
    .select({ runAfter: backgroundJobs.runAfter })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.name, name), eq(backgroundJobs.state, "queued")))
    .limit(1);
  return { current: current ?? null, nextRunAt: next?.runAfter ?? null };
}
