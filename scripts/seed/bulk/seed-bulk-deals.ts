import { DEFAULT_LOST_REASONS } from "@domain/deals/default-pipeline";
import type { Database } from "@server/db/client";
import { createDefaultPipeline } from "@server/modules/pipelines/default-pipeline";
import { recountStageStays } from "@server/modules/reports/stage-stay-stats.repository";
import { ensureBulkOwners } from "./bulk-people";
import { createIndexes, dropIndexes } from "./indexes";
import {
  ACTIVITIES_SQL,
  CONTACTS_SQL,
  DEAL_STORIES_SQL,
  DEALS_SQL,
  LINK_LEADS_SQL,
  PICK_SQL,
  STAGE_HISTORY_SQL,
  STAGES_SQL,
} from "./seed-bulk-deals.sql";

export interface BulkDealsOptions {
  /** Deals in all: first one per converted bulk lead without a deal, then deals without a lead. */
  deals: number;
  activities: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface BulkDealsResult {
  deals: number;
  stays: number;
  contacts: number;
  activities: number;
  seconds: number;
}

type Query = (text: string, params?: unknown[]) => Promise<{ rows: unknown[]; affectedRows?: number }>;

/** Tables whose secondary indexes are rebuilt after the load when activities are many. */
const REBUILT = ["activities"] as const;

/**
 * Adds deals with their stage history, a contact per converted lead, and activities to the bulk
 * owners' data (seed-bulk-leads.ts first), in one transaction of set-based statements
 * (seed-bulk-deals.sql.ts). The funnel's aggregate is kept by triggers, so it counts the new
 * conversion links and won deals without a rebuild.
 */
export async function seedBulkDeals(database: Database, options: BulkDealsOptions): Promise<BulkDealsResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const { owners } = await ensureBulkOwners(database.db);
  await database.db.transaction((tx) => createDefaultPipeline(tx, "de"));
  const ownerIds = owners.map((o) => o.id);
  const now = new Date().toISOString();
  const session = await openSession(database);
  const step = async (what: string, text: string, params?: unknown[]) => {
    const at = performance.now();
    let rows = 0;
    // PGlite's query takes one statement; a few of the texts hold two or three. The parameters are
    // our own values (ids, counts, now), written as literals: CREATE TABLE AS takes no bind parameters.
    for (const statement of text.split(/;\s*\n/)) {
      const bound = statement.replace(/\$(\d+)/g, (_, n: string) => literal(params?.[Number(n) - 1]));
      const result = await session.query(bound);
      rows = result.affectedRows ?? rows;
    }
    log(`  ${what}: ${((performance.now() - at) / 1000).toFixed(1)} s`);
    return rows;
  };
  try {
    await session.query("BEGIN");
    await session.query("SELECT setseed($1)", [((options.seed ?? 20261123) % 1000) / 1000]);
    const [pipeline] = (
      await session.query(
        "SELECT id FROM pipelines WHERE deleted_at IS NULL ORDER BY is_default DESC, position LIMIT 1",
      )
    ).rows as { id: string }[];
    if (!pipeline) throw new Error("no pipeline to put the deals in");
    await step("stages", STAGES_SQL, [pipeline.id]);
    await step("deal stories", DEAL_STORIES_SQL, [ownerIds, options.deals, now]);
    const deals = await step("deals", DEALS_SQL, [DEFAULT_LOST_REASONS.de, now]);
    // Statistics for the deals just written: without them the funnel trigger's per-lead deal lookup
    // (lead_funnel_won_at) is planned for an empty table, a sequential scan per converted lead, which made
    // the conversion links below quadratic (15+ minutes at 200k deals).
    await session.query("ANALYZE deals");
    const stays = await step("stage history", STAGE_HISTORY_SQL);
    const contacts = await step("contacts of converted leads", CONTACTS_SQL);
    await step("conversion links", LINK_LEADS_SQL);
    await step("numbering leads, deals and contacts", PICK_SQL, [ownerIds]);
    const dropped = options.activities >= 100_000 ? await dropIndexes(session.query, REBUILT[0]) : [];
    const activities = await step("activities", ACTIVITIES_SQL, [ownerIds, options.activities, now]);
    if (dropped.length > 0) {
      await session.query(
        `SET LOCAL maintenance_work_mem = '${database.kind === "postgres" ? "1GB" : "256MB"}'`,
      );
      const at = performance.now();
      await createIndexes(session.query, dropped);
      log(
        `  ${dropped.length} activities indexes rebuilt: ${((performance.now() - at) / 1000).toFixed(1)} s`,
      );
    }
    await session.query("COMMIT");
    // VACUUM sets the visibility map after the load's updates, so the reports' covering indexes are
    // read index-only (no heap fetches); the tables kept by triggers for the reports come along.
    for (const table of [
      "deals",
      "deal_stage_history",
      "contacts",
      "activities",
      "leads",
      "deal_open_activities",
      "deal_open_totals",
      "lead_first_activities",
      "lead_funnel_days",
      "lead_funnel_team_days",
    ])
      await session.query(`VACUUM (ANALYZE) ${table}`);
    // The stage stays' figures, as the stage-stay-stats job would count them within minutes.
    const at = performance.now();
    await recountStageStays(database.db, new Date());
    log(`  stage stay figures: ${((performance.now() - at) / 1000).toFixed(1)} s`);
    return { deals, stays, contacts, activities, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    session.release();
  }
}

function literal(value: unknown): string {
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(",")}]`;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  throw new Error(`no literal for ${typeof value}`);
}

async function openSession(database: Database): Promise<{ query: Query; release(): void }> {
  if (database.pool) {
    const client = await database.pool.connect();
    return {
      query: async (text, params) => {
        const r = await client.query(text, params);
        return { rows: r.rows, affectedRows: r.rowCount ?? undefined };
      },
      release: () => client.release(),
    };
  }
  const { pglite } = database;
  if (!pglite) throw new Error("database has neither a pool nor a PGlite client");
  return { query: (text, params) => pglite.query(text, params), release: () => undefined };
}
