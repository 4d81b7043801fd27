/**
 * Tables for integrators (issue #22): idempotent creates, the change feed behind `updatedSince`
 * sync, and the per-token request counter behind the API's rate limit. Imported relatively
 * (drizzle-kit loads the schema without the path aliases).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { inList, tstz } from "./columns";

export const IDEMPOTENCY_STATES = ["pending", "done"] as const;

/**
 * One row per (actor, route, Idempotency-Key) for 24 hours: reserved (`pending`) before the handler
 * runs, then holding the first answer (`done`). Shared by every app process through the database.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    actorId: uuid("actor_id").notNull(),
    /** Method and path as requested (`POST /api/v1/leads/…/convert`). */
    route: text("route").notNull(),
    /** SHA-256 of the client's key: the key itself is never stored. */
    keyHash: text("key_hash").notNull(),
    /** SHA-256 of the canonical JSON of the body: the same key with another body is refused. */
    requestHash: text("request_hash").notNull(),
    state: text("state").notNull().default("pending"),
    statusCode: integer("status_code"),
    /** The first answer's JSON, replayed as it was. */
    responseBody: text("response_body"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.route, t.keyHash] }),
    index("idempotency_keys_created_idx").on(t.createdAt),
    check("idempotency_keys_state_check", inList("state", IDEMPOTENCY_STATES)),
  ],
);

/** PostgreSQL's 64-bit transaction id (`pg_current_xact_id()`), compared with `pg_snapshot_xmin`. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

/**
 * Every insert, update and delete of a lead, contact, company, deal or activity, written by a trigger
 * (migration 20261207_sync) in the writing transaction. The sync feed hands changes out in
 * (txid, seq) order and only those below the oldest running transaction (`pg_snapshot_xmin`), so a
 * transaction that commits late can never land behind a cursor already handed out. Owner and team
 * (before and after the change) let the feed gate tombstones without the record.
 */
export const recordChanges = pgTable(
  "record_changes",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    entity: text("entity").notNull(),
    recordId: uuid("record_id").notNull(),
    txid: xid8("txid").notNull().default(sql`pg_current_xact_id()`),
    ownerId: uuid("owner_id"),
    teamId: uuid("team_id"),
    prevOwnerId: uuid("prev_owner_id"),
    prevTeamId: uuid("prev_team_id"),
    /** Deleted (soft or hard) by this change. */
    deleted: boolean("deleted").notNull().default(false),
    mergedIntoId: uuid("merged_into_id"),
    changedAt: tstz("changed_at").notNull().defaultNow(),
  },
  (t) => [
    index("record_changes_feed_idx").on(t.entity, t.txid, t.seq),
    index("record_changes_changed_idx").on(t.entity, t.changedAt),
  ],
);

/**
 * Requests per API token and fixed window (one upsert per request, counted by every app process
 * alike); windows older than the current one are pruned as they pass.
 */
export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    tokenId: uuid("token_id").notNull(),
    windowStart: tstz("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tokenId, t.windowStart] }),
    index("api_rate_windows_start_idx").on(t.windowStart),
  ],
);
